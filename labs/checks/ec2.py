"""Checks of EC2 state in the sandbox, for lab tests.

Every check takes names (instances, volumes, snapshots, images and Elastic IPs are found by
their ``Name`` tag), reads state through `labs.sandbox.check_client("ec2")` and returns a
bilingual `CheckResult`. The sandbox (moto) accepts launches AWS refuses: an unknown AMI id,
an unknown key pair, a volume attached across Availability Zones. These checks hold the
state to AWS's rules instead::

    from labs.checks import ec2 as check
    from labs.checks.result import require
    require(check.instance_key_pair("kit-web-1", "kit-ec2-lab-key"))
"""

from __future__ import annotations

import base64
import ipaddress

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "require", "TEXT",
    "key_pair_exists", "instance_running", "instance_image_exists", "instance_key_pair",
    "instance_type", "instance_tags", "instance_user_data", "instance_profile",
    "volume_attached", "volume_spec", "snapshot_of_volume", "image_from_instance",
    "image_in_region", "image_copied_from", "tags_hold_different_ipv4", "elastic_ip_associated",
]

_SEE = {
    "launch": "08-ec2-instances-and-pricing.ipynb § Launching an instance with one call",
    "ami": "08-ec2-instances-and-pricing.ipynb § AMIs: templates for instances",
    "own_ami": "08-ec2-instances-and-pricing.ipynb § What an AMI contains",
    "keys": "09-ec2-storage-and-lifecycle.ipynb § Key pairs and SSH",
    "ebs": "09-ec2-storage-and-lifecycle.ipynb § Block storage with EBS",
    "snapshots": "09-ec2-storage-and-lifecycle.ipynb § Snapshots",
    "eip": "09-ec2-storage-and-lifecycle.ipynb § Elastic IP addresses",
    "lifecycle": "09-ec2-storage-and-lifecycle.ipynb § The instance lifecycle",
}

TEXT = {
    "en": {
        "key_ok": "key pair {pair!r} exists ({there})",
        "key_missing": "key pair {pair!r} not found (key pairs there: {there})",
        "key_hint": "create the key pair with the exact name the task gives, and keep its private key",
        "key_type_wrong": "key pair {pair!r} is of type {there}, expected {want}",
        "key_type_hint": "the key type is chosen when the key pair is created; create it again with the type the task names",
        "instance_missing": "no instance tagged Name={instance!r} that is not terminated (Name tags there: {there})",
        "instance_hint": "launch the instance with a Name tag in its tag specifications",
        "instance_many": "{count} instances are tagged Name={instance!r}, expected one ({there})",
        "instance_many_hint": "terminate the extra ones, or run aws.reset() and Run All once",
        "running_ok": "instance {instance!r} ({there}) is running",
        "state_wrong": "instance {instance!r} is {there}, expected running",
        "state_hint": "leave the instance running when you hand in: start it again if you stopped it",
        "image_ok": "instance {instance!r} was launched from {image}, which exists in {region}",
        "image_missing": ("instance {instance!r} was launched from {image}, which does not exist in {region}; "
                          "AWS would refuse this launch (InvalidAMIID.NotFound)"),
        "image_hint": "look the AMI id up (the SSM public parameter for Amazon Linux 2023) instead of typing one",
        "ikey_ok": "instance {instance!r} uses key pair {pair!r}",
        "ikey_wrong": "instance {instance!r} uses key pair {there}, expected {pair!r}",
        "ikey_unknown": ("instance {instance!r} names key pair {there}, which does not exist; AWS would refuse "
                         "this launch (InvalidKeyPair.NotFound)"),
        "ikey_hint": "a key pair is fixed at launch: launch the instance again with KeyName set to the key pair's exact name",
        "type_ok": "instance {instance!r} is a {want}",
        "type_wrong": "instance {instance!r} is a {there}, expected {want}",
        "type_hint": "launch the instance type the task names",
        "tags_ok": "instance {instance!r} has the tags {want}",
        "tags_wrong": "instance {instance!r}: tags {there}, expected {want}",
        "tags_hint": "tags are key-value pairs; keys and values are case-sensitive",
        "ud_ok": "instance {instance!r}: user data is a shell script that mentions {want}",
        "ud_missing": "instance {instance!r} has no user data",
        "ud_hint": "user data is passed at launch (UserData=); cloud-init runs it as root on the first boot",
        "ud_not_script": "instance {instance!r}: user data starts with {there}, expected a script starting with '#!'",
        "ud_script_hint": "cloud-init runs user data as a script only when its first line is a '#!' line",
        "ud_lacks": "instance {instance!r}: user data does not mention {want} outside comments (it reads: {there})",
        "ud_lacks_hint": "the script must copy the page from the bucket the task names, by its s3:// address",
        "profile_ok": "instance {instance!r} has instance profile {profile!r}",
        "profile_wrong": "instance {instance!r} has instance profile {there}, expected {profile!r}",
        "profile_hint": "an instance gets its role through the instance profile given at launch (IamInstanceProfile=)",
        "volume_missing": "no volume tagged Name={volume!r} (Name tags there: {there})",
        "volume_hint": "create the volume with a Name tag in its tag specifications",
        "attach_ok": "volume {volume!r} is attached to {instance!r} as {device}",
        "attach_none": "volume {volume!r} is {there}, not attached to {instance!r}",
        "attach_hint": "creating a volume does not attach it: attach it to the instance as the device the task names",
        "attach_wrong": "volume {volume!r} is attached as {there}, expected {device} on {instance!r}",
        "az_wrong": ("volume {volume!r} is in {there} but instance {instance!r} is in {want}; AWS attaches a "
                     "volume only to an instance in the same Availability Zone"),
        "az_hint": "an EBS volume lives in one Availability Zone: create it in the instance's zone",
        "spec_ok": "volume {volume!r} is {want}",
        "spec_wrong": "volume {volume!r} is {there}, expected {want}",
        "spec_hint": "size and type are chosen when the volume is created",
        "snap_ok": "snapshot {snapshot!r} of volume {volume!r} is completed",
        "snap_missing": "no snapshot tagged Name={snapshot!r} of volume {volume!r} (your snapshots: {there})",
        "snap_hint": "snapshot the volume itself, with a Name tag in the snapshot's tag specifications",
        "snap_state": "snapshot {snapshot!r} is {there}, expected completed",
        "snap_state_hint": "wait until the snapshot is completed (a waiter does that)",
        "ami_ok": "image {image!r} ({there}) is available in {region}",
        "ami_missing": "no image of yours named {image!r} in {region} (your images there: {there})",
        "ami_hint": "images are regional: look in the Region the task names",
        "ami_state": "image {image!r} in {region} is {there}, expected available",
        "ami_state_hint": "wait until the image is available (a waiter does that)",
        "ami_source_ok": "image {image!r} was made from instance {instance!r}",
        "ami_source_wrong": "image {image!r} was made from {there}, expected instance {instance!r}",
        "ami_source_hint": "make the image from the instance the task names",
        "copy_ok": "image {image!r} in {region} is a copy of {source} from {source_region}",
        "copy_made_here": ("image {image!r} in {region} was made from instance {there} in {region}, not copied "
                           "from {source_region}"),
        "copy_other_source": "image {image!r} in {region} was copied from {there}, expected {source} in {source_region}",
        "copy_hint": "copy the image you made, calling copy_image on a client of the destination Region",
        "ip_ok": "instance {instance!r}: {tag_a}={a} and {tag_b}={b}, two different public IPv4 addresses",
        "ip_bad": "instance {instance!r}: tag {tag} is {there}, expected a public IPv4 address",
        "ip_bad_hint": "record the instance's PublicIpAddress, as describe_instances reports it, in the tag",
        "ip_same": "instance {instance!r}: {tag_a} and {tag_b} are both {a}; expected the address to change",
        "ip_same_hint": "read the address before you stop the instance and again after it is running again",
        "eip_ok": "Elastic IP {eip!r} ({there}) is associated with instance {instance!r}",
        "eip_missing": "no Elastic IP tagged Name={eip!r} (Name tags there: {there})",
        "eip_hint": "allocate the address with a Name tag in its tag specifications",
        "eip_loose": "Elastic IP {eip!r} is associated with {there}, expected instance {instance!r}",
        "eip_loose_hint": "an allocated address does nothing until it is associated with the instance",
    },
    "ko": {
        "key_ok": "키 페어 {pair!r}이(가) 있습니다 ({there})",
        "key_missing": "키 페어 {pair!r}을(를) 찾을 수 없습니다 (있는 키 페어: {there})",
        "key_hint": "과제에 적힌 이름 그대로 키 페어를 만들고 프라이빗 키를 보관하세요",
        "key_type_wrong": "키 페어 {pair!r}의 유형이 {there}입니다. {want}이어야 합니다",
        "key_type_hint": "키 유형은 키 페어를 만들 때 정해집니다. 과제에 나온 유형으로 다시 만드세요",
        "instance_missing": "Name={instance!r} 태그가 붙은, 종료되지 않은 인스턴스가 없습니다 (있는 Name 태그: {there})",
        "instance_hint": "태그 사양에 Name 태그를 넣어 인스턴스를 시작하세요",
        "instance_many": "Name={instance!r} 태그가 붙은 인스턴스가 {count}개입니다. 하나여야 합니다 ({there})",
        "instance_many_hint": "남는 인스턴스를 종료하거나, aws.reset() 후 Run All을 한 번만 실행하세요",
        "running_ok": "인스턴스 {instance!r}({there})이(가) 실행 중입니다",
        "state_wrong": "인스턴스 {instance!r}의 상태가 {there}입니다. running이어야 합니다",
        "state_hint": "제출할 때 인스턴스를 실행 중으로 두세요. 중지했다면 다시 시작하세요",
        "image_ok": "인스턴스 {instance!r}은(는) {region}에 있는 {image}에서 시작되었습니다",
        "image_missing": ("인스턴스 {instance!r}은(는) {image}에서 시작되었는데, 이 AMI는 {region}에 없습니다. "
                          "AWS라면 시작을 거부합니다(InvalidAMIID.NotFound)"),
        "image_hint": "AMI ID를 직접 입력하지 말고 (Amazon Linux 2023용 SSM 퍼블릭 파라미터로) 조회하세요",
        "ikey_ok": "인스턴스 {instance!r}이(가) 키 페어 {pair!r}을(를) 씁니다",
        "ikey_wrong": "인스턴스 {instance!r}의 키 페어는 {there}입니다. {pair!r}이어야 합니다",
        "ikey_unknown": ("인스턴스 {instance!r}에 지정된 키 페어 {there}은(는) 존재하지 않습니다. AWS라면 시작을 "
                         "거부합니다(InvalidKeyPair.NotFound)"),
        "ikey_hint": "키 페어는 시작할 때 정해집니다. KeyName에 키 페어의 정확한 이름을 넣어 인스턴스를 다시 시작하세요",
        "type_ok": "인스턴스 {instance!r}의 유형은 {want}입니다",
        "type_wrong": "인스턴스 {instance!r}의 유형이 {there}입니다. {want}이어야 합니다",
        "type_hint": "과제에 나온 인스턴스 유형으로 시작하세요",
        "tags_ok": "인스턴스 {instance!r}에 태그 {want}이(가) 있습니다",
        "tags_wrong": "인스턴스 {instance!r}: 태그 {there}, 기대값 {want}",
        "tags_hint": "태그는 키-값 쌍이며 키와 값 모두 대소문자를 구분합니다",
        "ud_ok": "인스턴스 {instance!r}: 사용자 데이터가 {want}을(를) 다루는 셸 스크립트입니다",
        "ud_missing": "인스턴스 {instance!r}에 사용자 데이터가 없습니다",
        "ud_hint": "사용자 데이터는 시작할 때 넘깁니다(UserData=). cloud-init이 첫 부팅 때 root로 실행합니다",
        "ud_not_script": "인스턴스 {instance!r}: 사용자 데이터가 {there}(으)로 시작합니다. '#!'로 시작하는 스크립트여야 합니다",
        "ud_script_hint": "cloud-init은 첫 줄이 '#!'인 사용자 데이터만 스크립트로 실행합니다",
        "ud_lacks": "인스턴스 {instance!r}: 사용자 데이터의 주석 밖에 {want}이(가) 없습니다 (내용: {there})",
        "ud_lacks_hint": "스크립트는 과제에 나온 버킷에서 s3:// 주소로 페이지를 복사해야 합니다",
        "profile_ok": "인스턴스 {instance!r}에 인스턴스 프로파일 {profile!r}이(가) 있습니다",
        "profile_wrong": "인스턴스 {instance!r}의 인스턴스 프로파일은 {there}입니다. {profile!r}이어야 합니다",
        "profile_hint": "인스턴스는 시작할 때 지정한 인스턴스 프로파일(IamInstanceProfile=)로 역할을 받습니다",
        "volume_missing": "Name={volume!r} 태그가 붙은 볼륨이 없습니다 (있는 Name 태그: {there})",
        "volume_hint": "태그 사양에 Name 태그를 넣어 볼륨을 만드세요",
        "attach_ok": "볼륨 {volume!r}이(가) {instance!r}에 {device}(으)로 연결되어 있습니다",
        "attach_none": "볼륨 {volume!r}의 상태가 {there}이며 {instance!r}에 연결되어 있지 않습니다",
        "attach_hint": "볼륨은 만들기만 해서는 연결되지 않습니다. 과제에 나온 디바이스 이름으로 인스턴스에 연결하세요",
        "attach_wrong": "볼륨 {volume!r}이(가) {there}(으)로 연결되어 있습니다. {instance!r}에 {device}(으)로 연결되어야 합니다",
        "az_wrong": ("볼륨 {volume!r}은(는) {there}에, 인스턴스 {instance!r}은(는) {want}에 있습니다. AWS는 같은 "
                     "가용 영역의 인스턴스에만 볼륨을 연결합니다"),
        "az_hint": "EBS 볼륨은 한 가용 영역에 있습니다. 인스턴스가 있는 영역에 만드세요",
        "spec_ok": "볼륨 {volume!r}은(는) {want}입니다",
        "spec_wrong": "볼륨 {volume!r}은(는) {there}입니다. {want}이어야 합니다",
        "spec_hint": "크기와 유형은 볼륨을 만들 때 정합니다",
        "snap_ok": "볼륨 {volume!r}의 스냅샷 {snapshot!r}이(가) 완료되었습니다",
        "snap_missing": "볼륨 {volume!r}의 스냅샷 중 Name={snapshot!r} 태그가 붙은 것이 없습니다 (내 스냅샷: {there})",
        "snap_hint": "그 볼륨의 스냅샷을 만들고, 스냅샷 태그 사양에 Name 태그를 넣으세요",
        "snap_state": "스냅샷 {snapshot!r}의 상태가 {there}입니다. completed여야 합니다",
        "snap_state_hint": "스냅샷이 완료될 때까지 기다리세요(웨이터가 해 줍니다)",
        "ami_ok": "이미지 {image!r}({there})을(를) {region}에서 사용할 수 있습니다",
        "ami_missing": "{region}에 이름이 {image!r}인 내 이미지가 없습니다 (그 리전의 내 이미지: {there})",
        "ami_hint": "이미지는 리전별 리소스입니다. 과제에 나온 리전에서 찾으세요",
        "ami_state": "{region}의 이미지 {image!r} 상태가 {there}입니다. available이어야 합니다",
        "ami_state_hint": "이미지를 사용할 수 있을 때까지 기다리세요(웨이터가 해 줍니다)",
        "ami_source_ok": "이미지 {image!r}은(는) 인스턴스 {instance!r}에서 만들어졌습니다",
        "ami_source_wrong": "이미지 {image!r}은(는) {there}에서 만들어졌습니다. 인스턴스 {instance!r}에서 만들어야 합니다",
        "ami_source_hint": "과제에 나온 인스턴스에서 이미지를 만드세요",
        "copy_ok": "{region}의 이미지 {image!r}은(는) {source_region}의 {source}을(를) 복사한 것입니다",
        "copy_made_here": ("{region}의 이미지 {image!r}은(는) {region}의 인스턴스 {there}에서 만든 것이며, "
                           "{source_region}에서 복사한 것이 아닙니다"),
        "copy_other_source": "{region}의 이미지 {image!r}은(는) {there}에서 복사되었습니다. {source_region}의 {source}에서 복사해야 합니다",
        "copy_hint": "직접 만든 이미지를 복사하세요. 대상 리전의 클라이언트로 copy_image를 호출합니다",
        "ip_ok": "인스턴스 {instance!r}: {tag_a}={a}, {tag_b}={b}, 서로 다른 퍼블릭 IPv4 주소입니다",
        "ip_bad": "인스턴스 {instance!r}: 태그 {tag}의 값이 {there}입니다. 퍼블릭 IPv4 주소여야 합니다",
        "ip_bad_hint": "describe_instances가 알려 주는 인스턴스의 PublicIpAddress를 태그에 기록하세요",
        "ip_same": "인스턴스 {instance!r}: {tag_a}와 {tag_b}가 모두 {a}입니다. 주소가 바뀌어야 합니다",
        "ip_same_hint": "인스턴스를 중지하기 전에 주소를 읽고, 다시 실행된 뒤에 한 번 더 읽으세요",
        "eip_ok": "탄력적 IP {eip!r}({there})이(가) 인스턴스 {instance!r}에 연결되어 있습니다",
        "eip_missing": "Name={eip!r} 태그가 붙은 탄력적 IP가 없습니다 (있는 Name 태그: {there})",
        "eip_hint": "태그 사양에 Name 태그를 넣어 주소를 할당하세요",
        "eip_loose": "탄력적 IP {eip!r}은(는) {there}에 연결되어 있습니다. 인스턴스 {instance!r}에 연결되어야 합니다",
        "eip_loose_hint": "할당한 주소는 인스턴스에 연결(associate)해야 쓸 수 있습니다",
    },
}

_GONE = ("terminated", "shutting-down")


def key_pair_exists(key: str, key_type: str | None = None) -> CheckResult:
    """Check that key pair ``key`` exists (and, with ``key_type``, is of that type: rsa, ed25519)."""
    name = "key_pair_exists"
    pairs = {k["KeyName"]: k for k in _ec2().describe_key_pairs()["KeyPairs"]}
    if key not in pairs:
        return failed(name, TEXT, "key_missing", found=sorted(pairs), expected=key, hint="key_hint",
                      see=_SEE["keys"], pair=key, there=sorted(pairs))
    found = pairs[key].get("KeyType", "rsa")
    if key_type and found != key_type:
        return failed(name, TEXT, "key_type_wrong", found=found, expected=key_type, hint="key_type_hint",
                      see=_SEE["keys"], pair=key, there=found, want=key_type)
    return passed(name, TEXT, "key_ok", found=found, expected=key_type or key, pair=key, there=found)


def instance_running(instance: str) -> CheckResult:
    """Check that exactly one instance is tagged Name=``instance`` (not terminated) and it is running."""
    name = "instance_running"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    state = got["State"]["Name"]
    if state != "running":
        return failed(name, TEXT, "state_wrong", found=state, expected="running", hint="state_hint",
                      see=_SEE["lifecycle"], instance=instance, there=state)
    return passed(name, TEXT, "running_ok", found=state, expected="running", instance=instance,
                  there=got["InstanceId"])


def instance_image_exists(instance: str) -> CheckResult:
    """Check that the AMI the instance was launched from exists in the sandbox's Region (AWS refuses unknown ones)."""
    name = "instance_image_exists"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    image, region = got["ImageId"], _ec2().meta.region_name
    values = dict(instance=instance, image=image, region=region)
    if not _image_exists(_ec2(), image):
        return failed(name, TEXT, "image_missing", found=image, expected="an existing AMI", hint="image_hint",
                      see=_SEE["ami"], **values)
    return passed(name, TEXT, "image_ok", found=image, expected=image, **values)


def instance_key_pair(instance: str, key: str) -> CheckResult:
    """Check that the instance was launched with key pair ``key``, and that the key pair exists."""
    name = "instance_key_pair"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    found = got.get("KeyName")
    existing = {k["KeyName"] for k in _ec2().describe_key_pairs()["KeyPairs"]}
    if found is not None and found not in existing:  # AWS would not have launched it at all
        return failed(name, TEXT, "ikey_unknown", found=found, expected=key, hint="ikey_hint",
                      see=_SEE["keys"], instance=instance, there=repr(found), pair=key)
    if found != key:
        return failed(name, TEXT, "ikey_wrong", found=found, expected=key, hint="ikey_hint",
                      see=_SEE["keys"], instance=instance, pair=key, there=repr(found))
    return passed(name, TEXT, "ikey_ok", found=found, expected=key, instance=instance, pair=key)


def instance_type(instance: str, expected: str) -> CheckResult:
    """Check the instance type, e.g. ``"t3.micro"``."""
    name = "instance_type"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    found = got["InstanceType"]
    if found != expected:
        return failed(name, TEXT, "type_wrong", found=found, expected=expected, hint="type_hint",
                      see=_SEE["launch"], instance=instance, there=found, want=expected)
    return passed(name, TEXT, "type_ok", found=found, expected=expected, instance=instance, want=expected)


def instance_tags(instance: str, expected: dict[str, str]) -> CheckResult:
    """Check that the instance carries every tag in ``expected``."""
    name = "instance_tags"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    tags = _tags(got)
    wrong = {k: tags.get(k) for k, v in expected.items() if tags.get(k) != v}
    if wrong:
        return failed(name, TEXT, "tags_wrong", found=tags, expected=expected, hint="tags_hint",
                      see=_SEE["launch"], instance=instance, there=wrong, want=expected)
    return passed(name, TEXT, "tags_ok", found=tags, expected=expected, instance=instance, want=expected)


def instance_user_data(instance: str, mentions: str) -> CheckResult:
    """Check that the instance's user data is a script (first line ``#!``) that mentions ``mentions``."""
    name = "instance_user_data"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    raw = _ec2().describe_instance_attribute(InstanceId=got["InstanceId"], Attribute="userData")
    value = raw.get("UserData", {}).get("Value")
    if not value:
        return failed(name, TEXT, "ud_missing", found=None, expected=mentions, hint="ud_hint",
                      see=_SEE["launch"], instance=instance)
    text = base64.b64decode(value).decode("utf-8", errors="replace")
    first = text.lstrip().splitlines()[0] if text.strip() else ""
    if not first.startswith("#!"):
        return failed(name, TEXT, "ud_not_script", found=first, expected="#!", hint="ud_script_hint",
                      see=_SEE["launch"], instance=instance, there=repr(first[:40]))
    # Comments do nothing when the script runs: only commands count.
    commands = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if mentions not in commands:
        shown = text if len(text) <= 160 else text[:157] + "..."
        return failed(name, TEXT, "ud_lacks", found=text, expected=mentions, hint="ud_lacks_hint",
                      see=_SEE["launch"], instance=instance, want=mentions, there=repr(shown))
    return passed(name, TEXT, "ud_ok", found=text, expected=mentions, instance=instance, want=mentions)


def instance_profile(instance: str, profile: str) -> CheckResult:
    """Check that the instance was given instance profile ``profile``."""
    name = "instance_profile"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    arn = (got.get("IamInstanceProfile") or {}).get("Arn", "")
    found = arn.rsplit("/", 1)[-1] if arn else None
    if found != profile:
        return failed(name, TEXT, "profile_wrong", found=found, expected=profile, hint="profile_hint",
                      see=_SEE["launch"], instance=instance, profile=profile, there=repr(found))
    return passed(name, TEXT, "profile_ok", found=found, expected=profile, instance=instance, profile=profile)


def volume_attached(volume: str, instance: str, device: str) -> CheckResult:
    """Check that volume ``volume`` is attached to ``instance`` as ``device``, in the instance's AZ."""
    name = "volume_attached"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    vol = _volume(name, volume)
    if isinstance(vol, CheckResult):
        return vol
    values = dict(volume=volume, instance=instance, device=device)
    zone = got["Placement"]["AvailabilityZone"]
    if vol["AvailabilityZone"] != zone:
        return failed(name, TEXT, "az_wrong", found=vol["AvailabilityZone"], expected=zone, hint="az_hint",
                      see=_SEE["ebs"], there=vol["AvailabilityZone"], want=zone, **values)
    attached = [a for a in vol.get("Attachments", []) if a.get("State") in ("attached", "attaching")]
    if not attached:
        return failed(name, TEXT, "attach_none", found=vol["State"], expected=device, hint="attach_hint",
                      see=_SEE["ebs"], there=vol["State"], **values)
    mine = [a for a in attached if a["InstanceId"] == got["InstanceId"] and a["Device"] == device]
    if not mine:
        where = ", ".join(f"{a['Device']} on {a['InstanceId']}" for a in attached)
        return failed(name, TEXT, "attach_wrong", found=where, expected=device, hint="attach_hint",
                      see=_SEE["ebs"], there=where, **values)
    return passed(name, TEXT, "attach_ok", found=device, expected=device, **values)


def volume_spec(volume: str, size: int, volume_type: str) -> CheckResult:
    """Check a volume's size in GiB and its type, e.g. ``10, "gp3"``."""
    name = "volume_spec"
    vol = _volume(name, volume)
    if isinstance(vol, CheckResult):
        return vol
    found, want = f"{vol['Size']} GiB {vol['VolumeType']}", f"{size} GiB {volume_type}"
    if found != want:
        return failed(name, TEXT, "spec_wrong", found=found, expected=want, hint="spec_hint",
                      see=_SEE["ebs"], volume=volume, there=found, want=want)
    return passed(name, TEXT, "spec_ok", found=found, expected=want, volume=volume, want=want)


def snapshot_of_volume(snapshot: str, volume: str) -> CheckResult:
    """Check that a snapshot tagged Name=``snapshot`` was taken of volume ``volume`` and is completed."""
    name = "snapshot_of_volume"
    vol = _volume(name, volume)
    if isinstance(vol, CheckResult):
        return vol
    # Filtered: unfiltered, the sandbox also lists the snapshots behind its ~1,300 public AMIs.
    named = _ec2().describe_snapshots(OwnerIds=["self"], Filters=[{"Name": "tag:Name", "Values": [snapshot]}])
    of_volume = _ec2().describe_snapshots(OwnerIds=["self"], Filters=[{"Name": "volume-id",
                                                                        "Values": [vol["VolumeId"]]}])
    mine = {s["SnapshotId"]: s for s in named["Snapshots"] + of_volume["Snapshots"]}.values()
    hits = [s for s in mine if _tags(s).get("Name") == snapshot and s["VolumeId"] == vol["VolumeId"]]
    if not hits:
        there = sorted(f"{_tags(s).get('Name', s['SnapshotId'])} of {s['VolumeId']}" for s in mine)
        return failed(name, TEXT, "snap_missing", found=there, expected=snapshot, hint="snap_hint",
                      see=_SEE["snapshots"], snapshot=snapshot, volume=volume, there=there)
    state = hits[0]["State"]
    if state != "completed":
        return failed(name, TEXT, "snap_state", found=state, expected="completed", hint="snap_state_hint",
                      see=_SEE["snapshots"], snapshot=snapshot, there=state)
    return passed(name, TEXT, "snap_ok", found=state, expected="completed", snapshot=snapshot, volume=volume)


def image_in_region(image: str, region: str | None = None) -> CheckResult:
    """Check that an image of yours named ``image`` is available in ``region`` (default: the sandbox's)."""
    name = "image_in_region"
    client = _ec2(region)
    region = client.meta.region_name
    found = _own_image(name, client, image, region)
    if isinstance(found, CheckResult):
        return found
    if found["State"] != "available":
        return failed(name, TEXT, "ami_state", found=found["State"], expected="available",
                      hint="ami_state_hint", see=_SEE["own_ami"], image=image, region=region,
                      there=found["State"])
    return passed(name, TEXT, "ami_ok", found=found["ImageId"], expected=image, image=image, region=region,
                  there=found["ImageId"])


def image_copied_from(image: str, region: str, source_region: str | None = None) -> CheckResult:
    """Check that your image ``image`` in ``region`` was copied from your image of that name in ``source_region``.

    AWS's DescribeImages names an image's source AMI and its Region (``SourceImageId``,
    ``SourceImageRegion``) for images made by CopyImage or CreateImage; the sandbox gives a
    copy neither, so there only an image made with CreateImage in ``region`` itself (it has a
    ``SourceInstanceId``) is caught.
    """
    name = "image_copied_from"
    client, home = _ec2(region), _ec2(source_region)
    region, source_region = client.meta.region_name, home.meta.region_name
    copy = _own_image(name, client, image, region)
    if isinstance(copy, CheckResult):
        return copy
    source = _own_image(name, home, image, source_region)
    if isinstance(source, CheckResult):
        return source
    values = dict(image=image, region=region, source_region=source_region, source=source["ImageId"])
    origin = copy.get("SourceImageId")
    if origin is not None:  # AWS: the source AMI is on record
        if (origin, copy.get("SourceImageRegion")) != (source["ImageId"], source_region):
            there = f"{origin} in {copy.get('SourceImageRegion')}"
            return failed(name, TEXT, "copy_other_source", found=there, expected=source["ImageId"],
                          hint="copy_hint", see=_SEE["own_ami"], there=there, **values)
    elif copy.get("SourceInstanceId"):
        made_from = copy["SourceInstanceId"]
        return failed(name, TEXT, "copy_made_here", found=made_from, expected=source["ImageId"],
                      hint="copy_hint", see=_SEE["own_ami"], there=made_from, **values)
    return passed(name, TEXT, "copy_ok", found=copy["ImageId"], expected=source["ImageId"], **values)


def image_from_instance(image: str, instance: str) -> CheckResult:
    """Check that your image ``image`` (in the sandbox's Region) was made from instance ``instance``."""
    name = "image_from_instance"
    client = _ec2()
    found = _own_image(name, client, image, client.meta.region_name)
    if isinstance(found, CheckResult):
        return found
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    source = found.get("SourceInstanceId")
    if source != got["InstanceId"]:
        return failed(name, TEXT, "ami_source_wrong", found=source, expected=got["InstanceId"],
                      hint="ami_source_hint", see=_SEE["own_ami"], image=image, instance=instance,
                      there=source or "no instance")
    return passed(name, TEXT, "ami_source_ok", found=source, expected=got["InstanceId"], image=image,
                  instance=instance)


def tags_hold_different_ipv4(instance: str, tag_a: str, tag_b: str) -> CheckResult:
    """Check that tags ``tag_a`` and ``tag_b`` of the instance hold two different public IPv4 addresses."""
    name = "tags_hold_different_ipv4"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    tags = _tags(got)
    for tag in (tag_a, tag_b):
        if not _public_ipv4(tags.get(tag)):
            return failed(name, TEXT, "ip_bad", found=tags.get(tag), expected="a public IPv4 address",
                          hint="ip_bad_hint", see=_SEE["eip"], instance=instance, tag=tag,
                          there=repr(tags.get(tag)))
    a, b = tags[tag_a], tags[tag_b]
    values = dict(instance=instance, tag_a=tag_a, tag_b=tag_b, a=a)
    if a == b:
        return failed(name, TEXT, "ip_same", found=[a, b], expected="two addresses", hint="ip_same_hint",
                      see=_SEE["eip"], **values)
    return passed(name, TEXT, "ip_ok", found=[a, b], expected="two addresses", b=b, **values)


def elastic_ip_associated(eip: str, instance: str) -> CheckResult:
    """Check that the Elastic IP tagged Name=``eip`` is associated with ``instance``."""
    name = "elastic_ip_associated"
    got = _instance(name, instance)
    if isinstance(got, CheckResult):
        return got
    addresses = _ec2().describe_addresses()["Addresses"]
    hits = [a for a in addresses if _tags(a).get("Name") == eip]
    if not hits:
        there = sorted(_tags(a).get("Name", a.get("PublicIp")) for a in addresses)
        return failed(name, TEXT, "eip_missing", found=there, expected=eip, hint="eip_hint",
                      see=_SEE["eip"], eip=eip, there=there)
    address = hits[0]
    if address.get("InstanceId") != got["InstanceId"]:
        return failed(name, TEXT, "eip_loose", found=address.get("InstanceId"), expected=got["InstanceId"],
                      hint="eip_loose_hint", see=_SEE["eip"], eip=eip, instance=instance,
                      there=address.get("InstanceId") or "nothing")
    return passed(name, TEXT, "eip_ok", found=address["PublicIp"], expected=got["InstanceId"], eip=eip,
                  instance=instance, there=address["PublicIp"])


# --- helpers -----------------------------------------------------------------


def _ec2(region: str | None = None):
    from labs.sandbox import check_client

    return check_client("ec2", region)


def _tags(resource: dict) -> dict[str, str]:
    return {t["Key"]: t["Value"] for t in resource.get("Tags", []) or []}


def _instance(name: str, instance: str) -> dict | CheckResult:
    """The one live instance tagged Name=``instance``, or the failure that says why there is none."""
    reservations = _ec2().describe_instances()["Reservations"]
    live = [i for r in reservations for i in r["Instances"] if i["State"]["Name"] not in _GONE]
    hits = [i for i in live if _tags(i).get("Name") == instance]
    if not hits:
        there = sorted({_tags(i).get("Name", i["InstanceId"]) for i in live})
        return failed(name, TEXT, "instance_missing", found=there, expected=instance, hint="instance_hint",
                      see=_SEE["launch"], instance=instance, there=there)
    if len(hits) > 1:
        ids = sorted(i["InstanceId"] for i in hits)
        return failed(name, TEXT, "instance_many", found=ids, expected=instance, hint="instance_many_hint",
                      see=_SEE["launch"], instance=instance, count=len(hits), there=", ".join(ids))
    return hits[0]


def _volume(name: str, volume: str) -> dict | CheckResult:
    volumes = _ec2().describe_volumes()["Volumes"]
    hits = [v for v in volumes if _tags(v).get("Name") == volume]
    if not hits:
        there = sorted(_tags(v).get("Name", v["VolumeId"]) for v in volumes if _tags(v).get("Name"))
        return failed(name, TEXT, "volume_missing", found=there, expected=volume, hint="volume_hint",
                      see=_SEE["ebs"], volume=volume, there=there)
    # Prefer an attached one when a second run left a spare with the same name.
    return sorted(hits, key=lambda v: v["State"] != "in-use")[0]


def _image_exists(client, image: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        return bool(client.describe_images(ImageIds=[image])["Images"])
    except ClientError:
        return False


def _own_image(name: str, client, image: str, region: str) -> dict | CheckResult:
    mine = client.describe_images(Owners=["self"])["Images"]
    hits = [i for i in mine if i.get("Name") == image]
    if not hits:
        there = sorted(i.get("Name", i["ImageId"]) for i in mine)
        return failed(name, TEXT, "ami_missing", found=there, expected=image, hint="ami_hint",
                      see=_SEE["own_ami"], image=image, region=region, there=there)
    return hits[0]


def _public_ipv4(text) -> bool:
    try:
        address = ipaddress.IPv4Address(str(text))
    except ValueError:
        return False
    return address.is_global
