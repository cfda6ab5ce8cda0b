namespace ConformanceHarness.Tests.Dns;

/// <summary>
/// The test zones dnsmasq serves, in its own configuration syntax (one option a line: mx-host, host-record, txt-record).
/// Every DNS check has a zone where it passes and one where it fails. Everything is under example.test; every address
/// is loopback. They go into a configuration file rather than on the command line because only dnsmasq's file reader
/// keeps commas inside quoted TXT text (a DMARC rua= list).
/// </summary>
public static class TestZones
{
    /// <summary>The name the fixture asks to know dnsmasq is ready.</summary>
    public const string Ready = "ready.example.test";

    /// <summary>MX 30/20/10/20 published out of order; the exchangers resolve to 127.0.0.11, .21 (and ::1), .22, .31.</summary>
    public const string Ordered = "ordered.example.test";

    /// <summary>No MX, A 127.0.0.40 and AAAA ::1: implicit MX.</summary>
    public const string NoMx = "nomx.example.test";

    public const string NullMx = "nullmx.example.test";

    /// <summary>A null MX next to a real MX.</summary>
    public const string NullMxMixed = "nullmx-mixed.example.test";

    /// <summary>A lone null MX at preference 10.</summary>
    public const string NullMxPreference = "nullmx-pref.example.test";

    /// <summary>MX 10 names a host without address; MX 20 is fine.</summary>
    public const string DeadMx = "deadmx.example.test";

    /// <summary>Exists (TXT only): no MX, no A/AAAA.</summary>
    public const string NoMail = "nomail.example.test";

    /// <summary>Two exchangers on one address.</summary>
    public const string Shared = "shared.example.test";

    /// <summary>One exchanger on 127.0.0.1, where the loopback fakes listen.</summary>
    public const string Fakes = "fakes.example.test";

    /// <summary>NXDOMAIN: nothing is published under this name.</summary>
    public const string Missing = "missing.example.test";

    /// <summary>Outside .test: dnsmasq has no upstream and answers REFUSED.</summary>
    public const string Outside = "outside.invalid";

    /// <summary>Valid SPF ending -all (with an include and a non-SPF TXT beside it), DMARC p=reject with reports inside and
    /// (authorized) outside the domain, MTA-STS.</summary>
    public const string Good = "good.example.test";

    /// <summary>SPF -all but no DMARC and no MTA-STS record.</summary>
    public const string NoDmarc = "nodmarc.example.test";

    public const string NoSpf = "nospf.example.test";

    public static readonly IReadOnlyList<string> Lines =
    [
        "host-record=ready.example.test,127.0.0.1",

        // Mail routing.
        "mx-host=ordered.example.test,mx30.ordered.example.test,30",
        "mx-host=ordered.example.test,mx20a.ordered.example.test,20",
        "mx-host=ordered.example.test,mx10.ordered.example.test,10",
        "mx-host=ordered.example.test,mx20b.ordered.example.test,20",
        "host-record=mx10.ordered.example.test,127.0.0.11",
        "host-record=mx20a.ordered.example.test,127.0.0.21,::1",
        "host-record=mx20b.ordered.example.test,127.0.0.22",
        "host-record=mx30.ordered.example.test,127.0.0.31",
        "host-record=nomx.example.test,127.0.0.40,::1",
        "mx-host=nullmx.example.test,.,0",
        "txt-record=nullmx.example.test,\"v=spf1 -all\"",
        "mx-host=nullmx-mixed.example.test,.,0",
        "mx-host=nullmx-mixed.example.test,mx.nullmx-mixed.example.test,10",
        "host-record=mx.nullmx-mixed.example.test,127.0.0.45",
        "mx-host=nullmx-pref.example.test,.,10",
        "mx-host=deadmx.example.test,ghost.deadmx.example.test,10",
        "mx-host=deadmx.example.test,live.deadmx.example.test,20",
        "host-record=live.deadmx.example.test,127.0.0.46",
        "txt-record=nomail.example.test,\"v=spf1 -all\"",
        "mx-host=shared.example.test,a.shared.example.test,10",
        "mx-host=shared.example.test,b.shared.example.test,20",
        "host-record=a.shared.example.test,127.0.0.70",
        "host-record=b.shared.example.test,127.0.0.70",
        "mx-host=fakes.example.test,smtp.fakes.example.test,10",
        "host-record=smtp.fakes.example.test,127.0.0.1",

        // good: every check passes.
        "mx-host=good.example.test,mx.good.example.test,10",
        "host-record=mx.good.example.test,127.0.0.50",
        "txt-record=good.example.test,\"v=spf1 mx ip4:127.0.0.0/8 include:_spf.good.example.test -all\"",
        "txt-record=good.example.test,\"site-verification=abc123\"",
        "txt-record=_spf.good.example.test,\"v=spf1 ip6:::1 ~all\"",
        "txt-record=_dmarc.good.example.test,\"v=DMARC1; p=reject; rua=mailto:dmarc@good.example.test,mailto:agg@reports.example.test!10m; ruf=mailto:forensic@good.example.test; adkim=s; aspf=r; pct=100; fo=1\"",
        "txt-record=good.example.test._report._dmarc.reports.example.test,\"v=DMARC1\"",
        "txt-record=_mta-sts.good.example.test,\"v=STSv1; id=20240101T000000;\"",

        "mx-host=nodmarc.example.test,mx.nodmarc.example.test,10",
        "host-record=mx.nodmarc.example.test,127.0.0.51",
        "txt-record=nodmarc.example.test,\"v=spf1 mx -all\"",
        "host-record=nospf.example.test,127.0.0.52",
        "txt-record=nospf.example.test,\"some-other=1\"",

        // SPF.
        "txt-record=spf-two.example.test,\"v=spf1 -all\"",
        "txt-record=spf-two.example.test,\"v=spf1 mx -all\"",
        "txt-record=spf-split.example.test,\"v=spf1 ip4:127.0.0.1\",\" -all\"",
        "txt-record=spf-many.example.test,\"v=spf1 include:i1.spf-many.example.test include:i2.spf-many.example.test include:i3.spf-many.example.test include:i4.spf-many.example.test -all\"",
        "txt-record=i1.spf-many.example.test,\"v=spf1 a:host.spf-many.example.test mx:spf-many.example.test -all\"",
        "txt-record=i2.spf-many.example.test,\"v=spf1 a:host.spf-many.example.test mx:spf-many.example.test -all\"",
        "txt-record=i3.spf-many.example.test,\"v=spf1 a:host.spf-many.example.test mx:spf-many.example.test -all\"",
        "txt-record=i4.spf-many.example.test,\"v=spf1 a:host.spf-many.example.test mx:spf-many.example.test -all\"",
        "host-record=host.spf-many.example.test,127.0.0.60",
        "mx-host=spf-many.example.test,host.spf-many.example.test,10",
        "txt-record=spf-ten.example.test,\"v=spf1 include:i1.spf-ten.example.test include:i2.spf-ten.example.test -all\"",
        "txt-record=i1.spf-ten.example.test,\"v=spf1 a:host.spf-ten.example.test mx:spf-ten.example.test exists:host.spf-ten.example.test a:spf-ten.example.test -all\"",
        "txt-record=i2.spf-ten.example.test,\"v=spf1 a:host.spf-ten.example.test mx:spf-ten.example.test exists:host.spf-ten.example.test a:spf-ten.example.test -all\"",
        "host-record=spf-ten.example.test,127.0.0.61",
        "host-record=host.spf-ten.example.test,127.0.0.62",
        "mx-host=spf-ten.example.test,host.spf-ten.example.test,10",
        "txt-record=spf-loop.example.test,\"v=spf1 include:loop2.spf-loop.example.test -all\"",
        "txt-record=loop2.spf-loop.example.test,\"v=spf1 include:spf-loop.example.test -all\"",
        "txt-record=spf-plusall.example.test,\"v=spf1 ip4:127.0.0.1 +all\"",
        "txt-record=spf-bareall.example.test,\"v=spf1 ip4:127.0.0.1 all\"",
        "txt-record=spf-neutral.example.test,\"v=spf1 ip4:127.0.0.1 ?all\"",
        "txt-record=spf-noall.example.test,\"v=spf1 ip4:127.0.0.1\"",
        "txt-record=spf-softall.example.test,\"v=spf1 ip4:127.0.0.1 ~all\"",
        "txt-record=spf-redirect.example.test,\"v=spf1 redirect=_spf.good.example.test\"",
        "txt-record=spf-redirect-missing.example.test,\"v=spf1 redirect=nothing.example.test\"",
        "txt-record=spf-include-missing.example.test,\"v=spf1 include:missing.example.test -all\"",
        "txt-record=spf-syntax.example.test,\"v=spf1 ip4:300.1.1.1 foo:bar a/40 include:nodot -all\"",
        "txt-record=spf-void.example.test,\"v=spf1 a:gone1.example.test mx:gone2.example.test exists:gone3.example.test -all\"",
        "txt-record=spf-ptr.example.test,\"v=spf1 ptr -all\"",
        "txt-record=spf-mx11.example.test,\"v=spf1 mx -all\"",
        "mx-host=spf-mx11.example.test,mx1.spf-mx11.example.test,1",
        "mx-host=spf-mx11.example.test,mx2.spf-mx11.example.test,2",
        "mx-host=spf-mx11.example.test,mx3.spf-mx11.example.test,3",
        "mx-host=spf-mx11.example.test,mx4.spf-mx11.example.test,4",
        "mx-host=spf-mx11.example.test,mx5.spf-mx11.example.test,5",
        "mx-host=spf-mx11.example.test,mx6.spf-mx11.example.test,6",
        "mx-host=spf-mx11.example.test,mx7.spf-mx11.example.test,7",
        "mx-host=spf-mx11.example.test,mx8.spf-mx11.example.test,8",
        "mx-host=spf-mx11.example.test,mx9.spf-mx11.example.test,9",
        "mx-host=spf-mx11.example.test,mx10.spf-mx11.example.test,10",
        "mx-host=spf-mx11.example.test,mx11.spf-mx11.example.test,11",

        // DMARC.
        "txt-record=_dmarc.dmarc-none.example.test,\"v=DMARC1; p=none; rua=mailto:dmarc@dmarc-none.example.test\"",
        "txt-record=_dmarc.dmarc-quarantine.example.test,\"v=DMARC1; p=quarantine; pct=50\"",
        "txt-record=_dmarc.dmarc-nop.example.test,\"v=DMARC1; rua=mailto:dmarc@dmarc-nop.example.test\"",
        "txt-record=_dmarc.dmarc-badpolicy.example.test,\"v=DMARC1; p=block\"",
        "txt-record=_dmarc.dmarc-order.example.test,\"p=reject; v=DMARC1\"",
        "txt-record=_dmarc.dmarc-syntax.example.test,\"v=DMARC1; p=reject; adkim=x; pct=150\"",
        "txt-record=_dmarc.dmarc-two.example.test,\"v=DMARC1; p=reject\"",
        "txt-record=_dmarc.dmarc-two.example.test,\"v=DMARC1; p=none\"",
        "txt-record=_dmarc.dmarc-baduri.example.test,\"v=DMARC1; p=reject; rua=dmarc@dmarc-baduri.example.test\"",
        "txt-record=_dmarc.dmarc-https.example.test,\"v=DMARC1; p=reject; rua=https://reports.example.test/dmarc\"",
        "txt-record=_dmarc.dmarc-external.example.test,\"v=DMARC1; p=reject; rua=mailto:agg@reports.example.test\"",

        // MTA-STS.
        "txt-record=_mta-sts.sts-bad.example.test,\"v=STSv1; id=not-valid!\"",
        "txt-record=_mta-sts.sts-noid.example.test,\"v=STSv1;\"",
        "txt-record=_mta-sts.sts-two.example.test,\"v=STSv1; id=1;\"",
        "txt-record=_mta-sts.sts-two.example.test,\"v=STSv1; id=2;\"",
    ];
}
