"""EC2 instance type names, decoded: ``c7gn.xlarge`` → family c, generation 7, Graviton, network, xlarge.

AWS names types as family, generation, processor family, additional capabilities, then a
dot and the size (Amazon EC2 Instance Types guide, "Instance type naming conventions",
https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html, checked
2026-12-02). The letters' meanings below are AWS's own words from that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from course.i18n import text

SOURCE = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html"

# Longest first, so "inf" wins over "i" and "im" over "i".
FAMILIES = {
    "hpc": "High performance computing",
    "dl": "Deep learning",
    "inf": "AWS Inferentia",
    "mac": "macOS",
    "trn": "AWS Trainium",
    "im": "Storage optimized (1 to 4 ratio of vCPU to memory)",
    "is": "Storage optimized (1 to 6 ratio of vCPU to memory)",
    "vt": "Video transcoding",
    "c": "Compute optimized",
    "d": "Dense storage",
    "f": "FPGA",
    "g": "Graphics intensive",
    "h": "Cost-effective storage optimized with HDD",
    "i": "Storage optimized",
    "m": "General purpose",
    "p": "GPU accelerated",
    "r": "Memory optimized",
    "t": "Burstable performance",
    "u": "High memory",
    "x": "Memory intensive",
    "z": "High frequency",
}
PROCESSORS = {"a": "AMD processors", "g": "AWS Graviton processors", "i": "Intel processors"}
CAPABILITIES = {
    "b": "Block storage (EBS) optimization",
    "d": "Instance store volumes",
    "e": "Extra storage or memory",
    "n": "Network and EBS optimized",
    "q": "Qualcomm inference accelerators",
    "z": "High performance (high CPU frequency)",
}
FLEX = "Flex instance (AWS's lower-priced variant of the same family)"
SIZES = ("nano", "micro", "small", "medium", "large", "xlarge")

# The Korean words follow AWS's Korean console and documentation (범용, 컴퓨팅 최적화, ...).
_FAMILIES_KO = {
    "hpc": "고성능 컴퓨팅", "dl": "딥 러닝", "inf": "AWS Inferentia", "mac": "macOS", "trn": "AWS Trainium",
    "im": "스토리지 최적화 (vCPU 대 메모리 비율 1:4)", "is": "스토리지 최적화 (vCPU 대 메모리 비율 1:6)",
    "vt": "비디오 트랜스코딩", "c": "컴퓨팅 최적화", "d": "고밀도 스토리지", "f": "FPGA", "g": "그래픽 집약적",
    "h": "HDD를 쓰는 비용 효율적인 스토리지 최적화", "i": "스토리지 최적화", "m": "범용", "p": "GPU 가속",
    "r": "메모리 최적화", "t": "버스트 가능 성능", "u": "고용량 메모리", "x": "메모리 집약적", "z": "고주파수",
}
_PROCESSORS_KO = {"a": "AMD 프로세서", "g": "AWS Graviton 프로세서", "i": "Intel 프로세서"}
_CAPABILITIES_KO = {
    "b": "블록 스토리지(EBS) 최적화", "d": "인스턴스 스토어 볼륨", "e": "추가 스토리지 또는 메모리",
    "n": "네트워크 및 EBS 최적화", "q": "Qualcomm 추론 가속기", "z": "고성능 (높은 CPU 주파수)",
}
TEXT = {
    "en": {
        "family": "family: {meaning}",
        "generation": "generation {n} (higher is newer)",
        "processor": "processor: {meaning}",
        "no_processor": "processor: not named (older and some current types leave it out)",
        "capability": "capability: {meaning}",
        "flex": FLEX,
        "metal": "bare metal: the whole server, no hypervisor",
        "size": "size: {times}× a .large of the same family",
        "small_size": "size: smaller than .large",
        "not_text": "an instance type name is text like 'm7g.large', not {value}",
        "not_a_name": "{name} is not an instance type name: expected family letters, a generation number, "
                      "optional letters, a dot and a size, as in 'm7g.large' or 'c7gn.xlarge'",
        "unknown_family": "{name}: unknown instance family {family}; known families: {known}",
        "unknown_letter": "{name}: unknown letter {letter} after the generation; processor letters are "
                          "{processors} (first only) and capability letters {capabilities}",
        "twice": "{name}: a capability letter appears twice in {letters}",
        "unknown_size": "{name}: unknown size {size}; sizes are {sizes}, <n>xlarge or metal",
        **{f"family_{k}": v for k, v in FAMILIES.items()},
        **{f"processor_{k}": v for k, v in PROCESSORS.items()},
        **{f"capability_{k}": v for k, v in CAPABILITIES.items()},
    },
    "ko": {
        "family": "패밀리: {meaning}",
        "generation": "{n}세대 (클수록 최신)",
        "processor": "프로세서: {meaning}",
        "no_processor": "프로세서: 표시 없음 (이전 유형과 일부 현재 유형은 생략)",
        "capability": "추가 기능: {meaning}",
        "flex": "Flex 인스턴스 (같은 패밀리를 더 낮은 가격에 주는 AWS의 변형)",
        "metal": "베어 메탈: 하이퍼바이저 없이 서버 전체",
        "size": "크기: 같은 패밀리 .large의 {times}배",
        "small_size": "크기: .large보다 작음",
        "not_text": "인스턴스 유형 이름은 'm7g.large' 같은 문자열이어야 하는데 {value}이(가) 왔습니다",
        "not_a_name": "{name}은(는) 인스턴스 유형 이름이 아닙니다. 'm7g.large'나 'c7gn.xlarge'처럼 패밀리 문자, "
                      "세대 숫자, 선택적인 문자, 점, 크기가 와야 합니다",
        "unknown_family": "{name}: 알 수 없는 인스턴스 패밀리 {family}. 아는 패밀리: {known}",
        "unknown_letter": "{name}: 세대 뒤의 문자 {letter}을(를) 알 수 없습니다. 프로세서 문자는 {processors}"
                          "(맨 앞에만), 추가 기능 문자는 {capabilities}입니다",
        "twice": "{name}: {letters}에 같은 추가 기능 문자가 두 번 나옵니다",
        "unknown_size": "{name}: 알 수 없는 크기 {size}. 크기는 {sizes}, <n>xlarge, metal입니다",
        **{f"family_{k}": v for k, v in _FAMILIES_KO.items()},
        **{f"processor_{k}": v for k, v in _PROCESSORS_KO.items()},
        **{f"capability_{k}": v for k, v in _CAPABILITIES_KO.items()},
    },
}


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)

_NAME = re.compile(r"^(?P<family>[a-z]+?)(?P<generation>\d+)(?P<letters>[a-z]*)(?P<flex>-flex)?"
                   r"\.(?P<size>[a-z0-9-]+)$")
_SIZE = re.compile(r"^(?:(?P<n>\d+)xlarge|nano|micro|small|medium|large|xlarge|metal(?:-\d+xl)?)$")


class InstanceTypeNameError(ValueError):
    """A name the decoder cannot read; the message says which part and why."""


@dataclass(frozen=True)
class InstanceTypeName:
    """The parts of one instance type name."""

    name: str
    family: str
    family_meaning: str
    generation: int
    processor: str | None
    processor_meaning: str | None
    capabilities: tuple[tuple[str, str], ...]
    flex: bool
    size: str

    @property
    def size_vs_large(self) -> float | None:
        """How many ``.large`` this size is (xlarge 2, 4xlarge 8); None for metal and sizes below large."""
        if self.size == "large":
            return 1.0
        if self.size == "xlarge":
            return 2.0
        m = re.fullmatch(r"(\d+)xlarge", self.size)
        return 2.0 * int(m.group(1)) if m else None

    def describe(self) -> list[tuple[str, str]]:
        """(part, meaning) rows, in the order the name is written."""
        rows = [(self.family, _t("family", meaning=self.family_meaning)),
                (str(self.generation), _t("generation", n=self.generation))]
        if self.processor:
            rows.append((self.processor, _t("processor", meaning=self.processor_meaning)))
        else:
            rows.append(("", _t("no_processor")))
        rows += [(letter, _t("capability", meaning=meaning)) for letter, meaning in self.capabilities]
        if self.flex:
            rows.append(("-flex", _t("flex")))
        times = self.size_vs_large
        size_words = (_t("metal") if self.size.startswith("metal")
                      else _t("size", times=f"{times:g}") if times
                      else _t("small_size"))
        rows.append(("." + self.size, size_words))
        return rows


def decode(name: str) -> InstanceTypeName:
    """Split an instance type name into its parts, e.g. ``decode("r7iz.2xlarge")``.

    Raises:
        InstanceTypeNameError: the name is not ``<family><generation>[letters][-flex].<size>``,
            or uses a family, letter or size this decoder does not know; the message names it.
    """
    if not isinstance(name, str):
        raise InstanceTypeNameError(_t("not_text", value=repr(name)))
    lowered = name.strip().lower()
    m = _NAME.match(lowered)
    if not m:
        raise InstanceTypeNameError(_t("not_a_name", name=repr(name)))
    family = m["family"]
    if family not in FAMILIES:
        raise InstanceTypeNameError(_t("unknown_family", name=repr(name), family=repr(family),
                                       known=", ".join(sorted(FAMILIES))))
    letters = m["letters"]
    processor = letters[0] if letters and letters[0] in PROCESSORS else None
    rest = letters[1:] if processor else letters
    unknown = [c for c in rest if c not in CAPABILITIES]
    if unknown:
        raise InstanceTypeNameError(_t("unknown_letter", name=repr(name), letter=repr(unknown[0]),
                                       processors=", ".join(PROCESSORS), capabilities=", ".join(CAPABILITIES)))
    if len(set(rest)) != len(rest):
        raise InstanceTypeNameError(_t("twice", name=repr(name), letters=repr(letters)))
    size = m["size"]
    if not _SIZE.match(size):
        raise InstanceTypeNameError(_t("unknown_size", name=repr(name), size=repr(size), sizes=", ".join(SIZES)))
    return InstanceTypeName(
        name=lowered, family=family, family_meaning=_t(f"family_{family}"), generation=int(m["generation"]),
        processor=processor, processor_meaning=_t(f"processor_{processor}") if processor else None,
        capabilities=tuple((c, _t(f"capability_{c}")) for c in rest), flex=bool(m["flex"]), size=size)
