"""Fargate task sizes, checked against AWS's table of valid CPU and memory pairs."""

import pytest

from course.fargate_sizes import VALID_SIZES, cpus_for_memory, fargate_size_problem


@pytest.mark.parametrize("cpu,memory", [("256", "512"), ("256", "2048"), ("512", "4096"), ("1024", "2048"),
                                        ("2048", "16384"), ("4096", "30720"), ("8192", "16384"),
                                        ("8192", "61440"), ("16384", "122880"), (1024, 3072)])
def test_pairs_from_the_aws_table_are_accepted(cpu, memory):
    assert fargate_size_problem(cpu, memory) is None


@pytest.mark.parametrize("cpu,memory,message", [
    ("256", "4096", "cpu 256 (0.25 vCPU) takes memory 512, 1024 or 2048 MiB, not 4096"),
    ("256", "100000", "not 100000"),
    ("512", "512", "cpu 512 (0.5 vCPU) takes memory 1024 to 4096 in steps of 1024 MiB, not 512"),
    ("4096", "31744", "8192 to 30720 in steps of 1024"),        # 31 GB: one step past 30 GB
    ("8192", "17408", "16384 to 61440 in steps of 4096"),       # 17 GB: not a 4 GB step
    ("16384", "36864", "32768 to 122880 in steps of 8192"),     # 36 GB: not an 8 GB step
    ("300", "1024", "cpu 300 is not a Fargate size"),
    ("1 vCPU", "2048", "write it as a whole number"),
])
def test_pairs_outside_the_table_are_refused_with_the_allowed_range(cpu, memory, message):
    assert message in fargate_size_problem(cpu, memory)


def test_table_has_the_documented_number_of_sizes_per_cpu():
    # 3; 1-4 GB; 2-8 GB; 4-16 GB; 8-30 GB by 1 GB; 16-60 GB by 4 GB; 32-120 GB by 8 GB.
    assert {c: len(m) for c, m in VALID_SIZES.items()} == {256: 3, 512: 4, 1024: 7, 2048: 13, 4096: 23,
                                                          8192: 12, 16384: 12}


def test_cpus_for_memory_lists_every_cpu_that_takes_it():
    assert cpus_for_memory("2048") == (256, 512, 1024)
    assert cpus_for_memory(8192) == (1024, 2048, 4096)
    assert cpus_for_memory("100") == ()
