"""The database chapters' figures: each returns a Figure that shows its labels."""

import pytest
from matplotlib.figure import Figure

from course.figures.databases import (database_kinds_figure, dynamodb_table_figure,
                                      rds_multi_az_figure)


def words(fig) -> str:
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def test_kinds_of_database():
    fig = database_kinds_figure()
    assert isinstance(fig, Figure)
    for label in ("Relational", "Key-value", "Document", "Graph", "FOLLOWS"):
        assert label in words(fig)


def test_multi_az_instance_has_a_primary_and_one_standby_in_a_subnet_group():
    text = words(rds_multi_az_figure("instance"))
    assert "primary" in text and text.count("standby") >= 1 and "readable" not in text
    assert "DB subnet group" in text and "ap-northeast-2a" in text and "ap-northeast-2c" in text


def test_multi_az_cluster_has_a_writer_and_two_readable_standbys_in_three_azs():
    text = words(rds_multi_az_figure("cluster"))
    assert "writer" in text and text.count("readable standby") == 2
    assert all(f"ap-northeast-2{az}" in text for az in "abc")


def test_an_unknown_deployment_is_refused():
    with pytest.raises(ValueError, match="'instance' or 'cluster'"):
        rds_multi_az_figure("triple")


def test_dynamodb_table_groups_items_by_partition_key_and_by_gsi_key():
    text = words(dynamodb_table_figure())
    for label in ("C01", "C02", "C03", "DELIVERED", "PENDING", "GSI by-status"):
        assert label in text
