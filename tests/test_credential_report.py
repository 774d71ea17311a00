"""The credential-report reader: parsing by hand-made CSV, findings by best practice, errors by line."""

import pytest

from course.credential_report import CredentialReportError, findings, parse_credential_report

HEADER = "user,arn,user_creation_time,password_enabled,mfa_active,access_key_1_active,access_key_2_active\n"


def report(*rows: str) -> str:
    return HEADER + "".join(r + "\n" for r in rows)


def test_root_row_reads_not_supported_as_none():
    (root,) = parse_credential_report(report(
        "<root_account>,arn:aws:iam::123456789012:root,2026-01-01T00:00:00+00:00,not_supported,true,false,false"))
    assert root.is_root
    assert root.password_enabled is None and root.mfa_active is True
    assert root.access_keys_active == (False, False)


def test_bytes_from_boto3_are_accepted():
    rows = parse_credential_report(report("mina,arn:aws:iam::123456789012:user/mina,x,true,true,true,false").encode())
    assert rows[0].user == "mina" and rows[0].access_keys_active == (True, False)


def test_root_with_access_key_and_no_mfa_gives_two_findings():
    rows = parse_credential_report(report(
        "<root_account>,arn:aws:iam::123456789012:root,x,not_supported,false,true,false"))
    assert [f.problem for f in findings(rows)] == ["root user has an active access key", "root user without MFA"]


def test_user_with_password_no_mfa_and_two_keys():
    rows = parse_credential_report(report("joon,arn:aws:iam::123456789012:user/joon,x,true,false,true,true"))
    assert [f.problem for f in findings(rows)] == ["console password without MFA", "2 active long-term access keys"]


def test_a_clean_account_has_no_findings():
    rows = parse_credential_report(report(
        "<root_account>,arn:aws:iam::123456789012:root,x,not_supported,true,false,false",
        "mina,arn:aws:iam::123456789012:user/mina,x,true,true,false,false",
        "ci,arn:aws:iam::123456789012:user/ci,x,false,false,N/A,N/A"))
    assert findings(rows) == []


def test_a_missing_column_is_named():
    with pytest.raises(CredentialReportError, match="line 1: the header has no column 'mfa_active'"):
        parse_credential_report("user,arn,password_enabled,access_key_1_active,access_key_2_active\n")


def test_a_bad_flag_names_its_line_and_column():
    with pytest.raises(CredentialReportError, match="line 3, column 'mfa_active': expected true or false, got 'maybe'"):
        parse_credential_report(report("a,arn:a,x,true,true,false,false", "b,arn:b,x,true,maybe,false,false"))


def test_the_sandbox_report_parses(aws_env):
    """moto's real CSV (22 columns) goes through the same reader."""
    import boto3
    from moto import mock_aws

    with mock_aws():
        iam = boto3.client("iam", region_name="ap-northeast-2")
        iam.create_user(UserName="mina")
        iam.create_login_profile(UserName="mina", Password="Correct-Horse-9!")
        iam.create_access_key(UserName="mina")
        iam.generate_credential_report()
        iam.generate_credential_report()
        rows = parse_credential_report(iam.get_credential_report()["Content"])
    mina = next(r for r in rows if r.user == "mina")
    assert mina.password_enabled is True and mina.access_keys_active[0] is True
    assert {f.problem for f in findings([mina])} == {"console password without MFA", "1 active long-term access key"}
