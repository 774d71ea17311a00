"""EC2 instance type names, decoded: ``c7gn.xlarge`` → family c, generation 7, Graviton, network, xlarge.

AWS names types as family, generation, processor family, additional capabilities, then a
dot and the size (Amazon EC2 Instance Types guide, "Instance type naming conventions",
https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html, checked
2026-12-02). The letters' meanings below are AWS's own words from that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
        rows = [(self.family, f"family: {self.family_meaning}"),
                (str(self.generation), f"generation {self.generation} (higher is newer)")]
        if self.processor:
            rows.append((self.processor, f"processor: {self.processor_meaning}"))
        else:
            rows.append(("", "processor: not named (older and some current types leave it out)"))
        rows += [(letter, f"capability: {meaning}") for letter, meaning in self.capabilities]
        if self.flex:
            rows.append(("-flex", FLEX))
        times = self.size_vs_large
        size_words = ("bare metal: the whole server, no hypervisor" if self.size.startswith("metal")
                      else f"size: {times:g}× a .large of the same family" if times
                      else "size: smaller than .large")
        rows.append(("." + self.size, size_words))
        return rows


def decode(name: str) -> InstanceTypeName:
    """Split an instance type name into its parts, e.g. ``decode("r7iz.2xlarge")``.

    Raises:
        InstanceTypeNameError: the name is not ``<family><generation>[letters][-flex].<size>``,
            or uses a family, letter or size this decoder does not know; the message names it.
    """
    if not isinstance(name, str):
        raise InstanceTypeNameError(f"an instance type name is text like 'm7g.large', not {name!r}")
    text = name.strip().lower()
    m = _NAME.match(text)
    if not m:
        raise InstanceTypeNameError(
            f"{name!r} is not an instance type name: expected family letters, a generation number, "
            "optional letters, a dot and a size, as in 'm7g.large' or 'c7gn.xlarge'")
    family = m["family"]
    if family not in FAMILIES:
        raise InstanceTypeNameError(
            f"{name!r}: unknown instance family {family!r}; known families: {', '.join(sorted(FAMILIES))}")
    letters = m["letters"]
    processor = letters[0] if letters and letters[0] in PROCESSORS else None
    rest = letters[1:] if processor else letters
    unknown = [c for c in rest if c not in CAPABILITIES]
    if unknown:
        raise InstanceTypeNameError(
            f"{name!r}: unknown letter {unknown[0]!r} after the generation; processor letters are "
            f"{', '.join(PROCESSORS)} (first only) and capability letters {', '.join(CAPABILITIES)}")
    if len(set(rest)) != len(rest):
        raise InstanceTypeNameError(f"{name!r}: a capability letter appears twice in {letters!r}")
    size = m["size"]
    if not _SIZE.match(size):
        raise InstanceTypeNameError(
            f"{name!r}: unknown size {size!r}; sizes are {', '.join(SIZES)}, <n>xlarge or metal")
    return InstanceTypeName(
        name=text, family=family, family_meaning=FAMILIES[family], generation=int(m["generation"]),
        processor=processor, processor_meaning=PROCESSORS.get(processor) if processor else None,
        capabilities=tuple((c, CAPABILITIES[c]) for c in rest), flex=bool(m["flex"]), size=size)
