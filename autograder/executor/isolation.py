"""Per-submission isolation with Linux namespaces, applied in a freshly forked child.

The same kernel mechanism bubblewrap uses, driven through ctypes so that it can be applied
*after* ``fork()`` from the warm zygote (an ``exec`` of bwrap would throw the warm imports away).

Two calls, in two processes:

- :func:`enter_network_namespace` then :func:`enter_pid_namespace` in the forked relay: a
  new network namespace (plus a user namespace when not root) with its loopback up, where the
  relay forks the sandbox server (moto); then a new PID namespace, whose first process is the
  submission, so killing it kills everything the submission started. The relay and the server
  stay outside that PID namespace (the submission can't see, signal or trace them) and keep
  the real filesystem; the relay runs the checks.
- :func:`build_root` in that PID 1: a mount namespace of its own; an empty tmpfs root gets
  read-only binds of the allowed paths
  (system, Python, package code), the submission's working folder bound writable, an empty
  overlay on each hidden path, a private ``/proc``, a few ``/dev`` nodes; then ``pivot_root``,
  the old root detached, every capability dropped and ``no_new_privs`` set.

What is not in the new root does not exist for the submission: the course directory,
``gradebook.db``, other students' work, the repo, home folders. The network namespace has
only its own loopback, where the relay's sandbox server is the one thing listening; nothing
outside it, not even the host's ``127.0.0.1``, is reachable. Every failure is reported as a string, never raised past the caller, so that
grading still runs, unsandboxed and saying so.
"""

from __future__ import annotations

import ctypes
import os
import resource
import shutil
import signal
import stat
import sys
from dataclasses import dataclass, field

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000
CLONE_NEWPID = 0x20000000

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 32, 4096, 16384, 1 << 18
MNT_DETACH = 2
AT_FDCWD, AT_RECURSIVE = -100, 0x8000
MOUNT_ATTR_RDONLY = 0x1
PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38
PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 47, 4
_SYS_PIVOT_ROOT, _SYS_CAPSET, _SYS_MOUNT_SETATTR = 155, 126, 442  # x86_64 numbers
_SYSCALLS_ARE_X86_64 = os.uname().machine == "x86_64"

DEV_NODES = ("null", "zero", "full", "random", "urandom")
ETC_FILES = ("passwd", "group", "hosts", "nsswitch.conf", "localtime", "ld.so.cache", "mime.types")


class SandboxError(OSError):
    """A namespace or mount step the kernel refused; ``step`` names it."""

    def __init__(self, step: str, errno_: int):
        super().__init__(errno_, f"{step}: {os.strerror(errno_)}")
        self.step = step


@dataclass(frozen=True)
class SandboxPlan:
    """What one submission may see and use.

    Attributes:
        workdir: the only writable folder; becomes the current directory.
        readable: paths bound read-only at the same place (missing ones are skipped).
        hidden: paths inside ``readable`` that must look empty (files) or empty folders.
        memory_bytes: how far the address space may grow beyond the zygote's, or None.
        cpu_seconds: CPU time for the whole notebook, or None.
        file_bytes: largest file the submission may write, or None.
        disk_bytes: most the working folder may hold in all (a tmpfs of that size), or None.
        userns: force (True) or forbid (False) a user namespace; None = only when not root.
    """

    workdir: str
    readable: tuple[str, ...] = ()
    hidden: tuple[str, ...] = ()
    memory_bytes: int | None = 1 << 30
    cpu_seconds: int | None = 120
    file_bytes: int | None = 64 << 20
    disk_bytes: int | None = 256 << 20
    userns: bool | None = None


@dataclass
class SandboxState:
    """How far isolation got; ``reason`` says why it is not complete."""

    namespaces: bool = False
    userns: bool = False
    filesystem: bool = False
    layers: list[str] = field(default_factory=list)
    reason: str | None = None

    @property
    def sandboxed(self) -> bool:
        return self.namespaces and self.filesystem


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _check(result: int, step: str) -> None:
    if result != 0:
        raise SandboxError(step, ctypes.get_errno())


def _b(path: str | None) -> bytes | None:
    return None if path is None else os.fsencode(path)


def _mount(source, target, fstype, flags, data=None, step="mount"):
    _check(_libc.mount(_b(source), _b(target), _b(fstype), ctypes.c_ulong(flags), _b(data)), step)


class _MountAttr(ctypes.Structure):
    _fields_ = [("attr_set", ctypes.c_uint64), ("attr_clr", ctypes.c_uint64),
                ("propagation", ctypes.c_uint64), ("userns_fd", ctypes.c_uint64)]


def _make_readonly(target: str) -> None:
    """Read-only on the bind and every mount below it, keeping locked nosuid/nodev flags."""
    if _SYSCALLS_ARE_X86_64:
        attr = _MountAttr(MOUNT_ATTR_RDONLY, 0, 0, 0)
        res = _libc.syscall(_SYS_MOUNT_SETATTR, AT_FDCWD, _b(target), AT_RECURSIVE,
                            ctypes.byref(attr), ctypes.sizeof(attr))
        if res == 0:
            return
    # Older kernels: a remount must repeat the flags a user namespace is not allowed to clear.
    kept = os.statvfs(target).f_flag & (MS_NOSUID | MS_NODEV | MS_NOEXEC)
    _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | kept, step=f"read-only {target}")


def set_parent_death_signal() -> None:
    """Die with SIGKILL when the parent dies, so a killed relay takes the submission with it."""
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def enter_namespaces(plan: SandboxPlan, state: SandboxState) -> None:
    """`enter_network_namespace` then `enter_pid_namespace` (nothing to do in between)."""
    enter_network_namespace(plan, state)
    enter_pid_namespace(state)


def enter_network_namespace(plan: SandboxPlan, state: SandboxState) -> None:
    """Unshare a network namespace (and a user namespace when needed); bring loopback up.

    Call in a single-threaded forked child. Records the outcome in ``state`` instead of
    raising. A process forked now (the sandbox server) shares the network, not the PIDs.
    """
    if not sys.platform.startswith("linux"):
        state.reason = f"no Linux namespaces on {sys.platform}"
        return
    use_userns = plan.userns if plan.userns is not None else os.geteuid() != 0
    uid, gid = os.geteuid(), os.getegid()
    flags = CLONE_NEWNET | (CLONE_NEWUSER if use_userns else 0)
    try:
        _check(_libc.unshare(flags), "unshare(" + ("CLONE_NEWUSER|" if use_userns else "")
               + "CLONE_NEWNET)")
        if use_userns:
            # Same ids inside as outside: files the instructor owns keep their owner.
            _write("/proc/self/setgroups", "deny")
            _write("/proc/self/uid_map", f"{uid} {uid} 1")
            _write("/proc/self/gid_map", f"{gid} {gid} 1")
        loopback_up()
    except OSError as exc:
        state.reason = f"namespaces refused: {exc}"
        return
    state.userns = use_userns
    state.layers += ["net"] + (["user"] if use_userns else [])


def enter_pid_namespace(state: SandboxState) -> None:
    """Unshare a PID namespace: the *next* fork becomes its PID 1.

    Afterwards this process can fork but no longer start threads (the kernel refuses).
    """
    if state.reason is not None:
        return
    try:
        _check(_libc.unshare(CLONE_NEWPID), "unshare(CLONE_NEWPID)")
    except OSError as exc:
        state.reason = f"namespaces refused: {exc}"
        return
    state.namespaces = True
    state.layers.append("pid")


def loopback_up() -> None:
    """Bring ``lo`` up in this (new) network namespace: the sandbox server listens there."""
    import fcntl
    import socket
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH14x", fcntl.ioctl(sock, siocgifflags, request))[1]
        fcntl.ioctl(sock, siocsifflags, struct.pack("16sH14x", b"lo", flags | iff_up))


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


def build_root(plan: SandboxPlan, scratch: str, state: SandboxState) -> None:
    """Swap the filesystem for one that holds only the plan's paths; drop all privileges.

    Args:
        plan: what to bind.
        scratch: an empty folder outside ``plan.workdir`` to mount the new root on.
        state: updated with ``filesystem=True`` or the reason it failed.
    """
    if not state.namespaces:
        return
    try:
        # A mount namespace of the submission's own: the relay, in the parent's, keeps the
        # real root (pivot_root would otherwise move every process of a shared namespace).
        _check(_libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
        state.layers.append("mount")
        _assemble_root(plan, scratch)
        _drop_privileges()
    except OSError as exc:
        state.reason = f"filesystem isolation failed: {exc}"
        return
    state.filesystem = True
    state.layers += ["fs", "no-caps"]


def _assemble_root(plan: SandboxPlan, root: str) -> None:
    _mount(None, "/", None, MS_REC | MS_PRIVATE, step="make / private")
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,mode=0755", step="tmpfs root")
    for path in _existing(plan.readable):
        _bind_at(root, path, readonly=True)
    for name in ETC_FILES:
        if os.path.exists(f"/etc/{name}"):
            _bind_at(root, f"/etc/{name}", readonly=True)
    for path in plan.hidden:
        _hide_at(root, path)
    if plan.disk_bytes:
        _workdir_of_size(root, plan.workdir, plan.disk_bytes)
    else:
        _bind_at(root, plan.workdir, readonly=False)
    os.makedirs(root + "/dev", exist_ok=True)
    for name in DEV_NODES:
        _bind_at(root, f"/dev/{name}", readonly=False)
    for name, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"),
                         ("stdout", "/proc/self/fd/1"), ("stderr", "/proc/self/fd/2")):
        os.symlink(target, f"{root}/dev/{name}")
    os.makedirs(root + "/tmp", exist_ok=True)
    os.makedirs(root + "/proc", exist_ok=True)
    try:
        # Only this PID namespace's processes; must be mounted while a full /proc is visible.
        _mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, step="mount /proc")
    except OSError:
        pass
    os.chdir(root)
    _check(_libc.syscall(_SYS_PIVOT_ROOT, b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "detach old root")
    os.chdir("/")
    _mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, step="read-only root")
    os.chdir(plan.workdir)


def _workdir_of_size(root: str, workdir: str, size: int) -> None:
    """The working folder as a tmpfs of ``size`` bytes holding a copy of ``workdir``.

    RLIMIT_FSIZE caps one file; this caps them all, so one submission cannot fill the
    grading machine's disk. The tmpfs lives only in this mount namespace; nothing reads the
    working folder after the student's process (the checks run elsewhere).
    """
    target = root + workdir
    os.makedirs(target, exist_ok=True)
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, f"size={size},mode=0700", step="tmpfs work dir")
    shutil.copytree(workdir, target, symlinks=True, dirs_exist_ok=True)


def _existing(paths) -> list[str]:
    seen, out = set(), []
    for path in paths:
        path = os.path.abspath(path)
        if path not in seen and os.path.lexists(path):
            seen.add(path)
            out.append(path)
    return out


def _bind_at(root: str, path: str, *, readonly: bool) -> None:
    """Bind ``path`` to the same place under ``root``; symlinks are copied as symlinks."""
    target = root + path
    if os.path.islink(path):
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.lexists(target):
            os.symlink(os.readlink(path), target)
        real = os.path.realpath(path)
        if not os.path.lexists(root + real):
            _bind_at(root, real, readonly=readonly)
        return
    if os.path.isdir(path):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not os.path.lexists(target):
            open(target, "wb").close()
    _mount(path, target, None, MS_BIND | MS_REC, step=f"bind {path}")
    if readonly:
        _make_readonly(target)


def _hide_at(root: str, path: str) -> None:
    target = root + os.path.abspath(path)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    if stat.S_ISDIR(mode):
        _mount("tmpfs", target, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV, "size=4k,mode=0555",
               step=f"hide {path}")
    else:
        _mount("/dev/null", target, None, MS_BIND, step=f"hide {path}")


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                ("inheritable", ctypes.c_uint32)]


def _drop_privileges() -> None:
    """No capabilities now or after any exec: no remount, no mknod, no ptrace of the parent."""
    for cap in range(64):
        _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the last cap is expected
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    if _SYSCALLS_ARE_X86_64:
        header = _CapHeader(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
        data = (_CapData * 2)()
        _check(_libc.syscall(_SYS_CAPSET, ctypes.byref(header), data), "capset")


def apply_limits(plan: SandboxPlan) -> list[str]:
    """Set rlimits for memory, CPU, file size and core dumps; returns what was applied."""
    applied = []
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if plan.memory_bytes is not None:
        base = _address_space_bytes()
        limit = base + plan.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        applied.append("memory")
    if plan.cpu_seconds is not None:
        resource.setrlimit(resource.RLIMIT_CPU, (plan.cpu_seconds, plan.cpu_seconds + 1))
        applied.append("cpu")
    if plan.file_bytes is not None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (plan.file_bytes, plan.file_bytes))
        applied.append("file-size")
    return applied


def _address_space_bytes() -> int:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0
