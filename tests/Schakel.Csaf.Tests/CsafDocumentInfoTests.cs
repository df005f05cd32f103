using System.Text.Json.Nodes;

namespace Schakel.Csaf.Tests;

/// <summary>Extracted fields checked against values read by hand from the real files.</summary>
public sealed class CsafDocumentInfoTests
{
    private static CsafDocumentInfo Read(string relative)
    {
        var result = CsafReader.Read(TestData.Bytes(relative));
        Assert.True(result.IsSuccess, result.ToString());
        return result.Document!;
    }

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi, int s, int ms = 0) =>
        new(y, mo, d, h, mi, s, ms, TimeSpan.Zero);

    [DataFact]
    public void Read_CisaOtIcsa2400401_ExtractsDocumentFields()
    {
        var info = Read("csaf/advisories/cisa/OT/white/2024/icsa-24-004-01.json");

        Assert.Equal("ICSA-24-004-01", info.TrackingId);
        Assert.Equal("1", info.Version);
        Assert.Equal("final", info.Status);
        Assert.Equal(Utc(2024, 1, 4, 7, 0, 0), info.InitialReleaseDate);
        Assert.Equal(Utc(2024, 1, 4, 7, 0, 0), info.CurrentReleaseDate);
        Assert.Equal("Rockwell Automation FactoryTalk Activation", info.Title);
        Assert.Equal("CISA", info.PublisherName);
        Assert.Equal("https://www.cisa.gov", info.PublisherNamespace); // file says "https://www.cisa.gov/"
        Assert.Equal("coordinator", info.PublisherCategory);
        Assert.Equal("csaf_security_advisory", info.Category);
        Assert.Equal("en-US", info.Lang);
        Assert.Equal("WHITE", info.TlpLabel);
        Assert.Equal("https://us-cert.cisa.gov/tlp/", info.TlpUrl);
        Assert.Equal("Disclosure is not limited", info.DistributionText);
        Assert.Null(info.AggregateSeverity);
        Assert.Equal(15, info.Notes.Count);
        Assert.Equal(8, info.References.Count);
    }

    [DataFact]
    public void Read_CisaOtIcsa2400401_ExtractsVulnerabilitiesAndProducts()
    {
        var info = Read("csaf/advisories/cisa/OT/white/2024/icsa-24-004-01.json");

        Assert.Equal(["CVE-2023-38545", "CVE-2023-3935"], info.Vulnerabilities.Select(v => v.Cve));
        var curl = info.Vulnerabilities[0];
        Assert.Equal(9.8, curl.BaseScore);
        Assert.Equal("CRITICAL", curl.Severity);
        Assert.Equal("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", curl.Vector);
        Assert.Equal("3.1", curl.CvssVersion);
        Assert.Equal(new CsafCwe("CWE-787", "Out-of-bounds Write"), curl.Cwe);
        Assert.Equal(["CSAFPID-0001"], curl.ProductStatus.KnownAffected);
        Assert.Equal("mitigation", curl.Remediations[0].Category);
        Assert.Equal(["CSAFPID-0001"], curl.Remediations[0].ProductIds);
        Assert.Equal(9.8, info.MaxBaseScore);
        Assert.Equal("CRITICAL", info.MaxSeverity);

        var product = Assert.Single(info.Products);
        Assert.Equal("CSAFPID-0001", product.ProductId);
        Assert.Equal("Rockwell Automation", product.Vendor);
        Assert.Equal("Factory Talk Activation Manager", product.Product);
        Assert.Equal("<V4.00_Utilizes_Wibu-Systems_CodeMeter_7.60c", product.Version);
        Assert.True(product.IsVersionRange);
        Assert.Equal("Rockwell Automation Factory Talk Activation Manager: <V4.00_Utilizes_Wibu-Systems_CodeMeter_7.60c", info.ProductNames["CSAFPID-0001"]);
    }

    [DataFact]
    public void Read_CisaItVexVa2420101_ExtractsVexFieldsAndRelationship()
    {
        var info = Read("csaf/advisories/cisa/IT/white/2024/va-24-201-01.json");

        Assert.Equal("VA-24-201-01", info.TrackingId);
        Assert.Equal("1.0.1", info.Version);
        Assert.Equal("csaf_vex", info.Category);
        Assert.Equal(Utc(2024, 7, 19, 16, 0, 0), info.InitialReleaseDate);
        Assert.Equal(Utc(2024, 9, 18, 16, 0, 0), info.CurrentReleaseDate);
        Assert.Equal("Adminer and AdminerEvo Multiple Vulnerabilities", info.Title);
        Assert.Equal("WHITE", info.TlpLabel);
        Assert.Null(info.TlpUrl);

        var ssrf = info.Vulnerabilities.Single(v => v.Cve == "CVE-2023-45195");
        Assert.Equal(5.3, ssrf.BaseScore);
        Assert.Equal("MEDIUM", ssrf.Severity);
        Assert.Equal(["CSAFPID-0009"], ssrf.ProductStatus.Fixed);
        Assert.Equal(3, ssrf.ProductStatus.KnownAffected.Count);
        Assert.Equal(9.0, info.MaxBaseScore); // CVE-2023-45197
        Assert.Equal("CRITICAL", info.MaxSeverity);

        var evo = info.Products.Single(p => p.ProductId == "CSAFPID-0077");
        Assert.Equal(("AdminerEvo", "AdminerEvo", "4.8.2", false), (evo.Vendor, evo.Product, evo.Version, evo.IsVersionRange));
        var combined = info.Products.Single(p => p.Source == "relationships");
        Assert.Equal("CSAFPID-0005", combined.ProductId);
        Assert.Equal("Adminer contained in AdminerEvo", combined.FullName);
        Assert.Equal(("Adminer", "Adminer"), (combined.Vendor, combined.Product)); // from product_reference CSAFPID-0013
        Assert.Equal(8, info.Products.Count);
    }

    [DataFact]
    public void Read_RedHatRhsa20191862_ExtractsInformationalAdvisory()
    {
        var info = Read("csaf/advisories/oasis-examples/rhsa-2019_1862.json");

        Assert.Equal("RHSA-2019:1862", info.TrackingId);
        Assert.Equal("1", info.Version);
        Assert.Equal("final", info.Status);
        Assert.Equal(Utc(2019, 7, 26, 6, 38, 0), info.CurrentReleaseDate);
        Assert.Equal("Red Hat Security Advisory: Red Hat OpenShift Enterprise one-month end-of-life notice", info.Title);
        Assert.Equal("Red Hat Product Security", info.PublisherName);
        Assert.Equal("https://www.redhat.com", info.PublisherNamespace);
        Assert.Equal("vendor", info.PublisherCategory);
        Assert.Equal("csaf_informational_advisory", info.Category);
        Assert.Equal("WHITE", info.TlpLabel);
        Assert.Equal("Low", info.AggregateSeverity);
        Assert.Equal("Copyright © 2022 Red Hat, Inc. All rights reserved.", info.DistributionText);
        Assert.Empty(info.Vulnerabilities);
        Assert.Null(info.MaxBaseScore);
        Assert.Null(info.MaxSeverity);
        var product = Assert.Single(info.Products);
        Assert.Equal(("Red Hat", null, null), (product.Vendor, product.Product, product.Version)); // product_family only
        Assert.Equal("Red Hat OpenShift Enterprise", product.ProductId);
    }

    [DataFact]
    public void Read_CiscoSmi2_ExtractsDocumentWithoutTlpAndCvss30()
    {
        var info = Read("csaf/advisories/oasis-examples/cisco-sa-20180328-smi2.json");

        Assert.Equal("cisco-sa-20180328-smi2", info.TrackingId);
        Assert.Equal("3.0.0", info.Version);
        Assert.Equal(Utc(2018, 3, 28, 16, 0, 0), info.InitialReleaseDate);
        Assert.Equal(Utc(2018, 4, 17, 15, 8, 41), info.CurrentReleaseDate);
        Assert.Equal("Cisco IOS and IOS XE Software Smart Install Remote Code Execution Vulnerability", info.Title);
        Assert.Equal("Cisco PSIRT", info.PublisherName);
        Assert.Equal("Cisco Security Advisory", info.Category);
        Assert.Null(info.TlpLabel);
        Assert.Null(info.Lang);

        var vulnerability = Assert.Single(info.Vulnerabilities);
        Assert.Equal("CVE-2018-0171", vulnerability.Cve);
        Assert.Equal(9.8, vulnerability.BaseScore);
        Assert.Equal("CRITICAL", vulnerability.Severity);
        Assert.Equal("3.0", vulnerability.CvssVersion);
        Assert.Null(vulnerability.Cwe);
        Assert.Equal(259, vulnerability.ProductStatus.KnownAffected.Count);
        Assert.Equal(259, info.Products.Count);
        var ios = info.Products.Single(p => p.ProductId == "CVRFPID-103763");
        Assert.Equal(("Cisco", "IOS", "12.2(55)SE"), (ios.Vendor, ios.Product, ios.Version)); // the service pack refines 12.2SE
        // Every leaf has its own version: no two products of the tree collapse into the same triple.
        Assert.Equal(info.Products.Count, info.Products.Select(p => (p.Vendor, p.Product, p.Version)).Distinct().Count());
        Assert.Equal("Cisco IOS 12.2SE 12.2(55)SE", ios.FullName);
    }

    [DataFact]
    public void Read_BsiAdvisory_ExtractsFields()
    {
        var info = Read(Mutated.Bsi);

        Assert.Equal("BSI-2022-0001", info.TrackingId);
        Assert.Equal(Utc(2022, 3, 17, 13, 3, 42, 105), info.InitialReleaseDate);
        Assert.Equal("CVRF-CSAF-Converter: XML External Entities Vulnerability", info.Title);
        Assert.Equal("Bundesamt für Sicherheit in der Informationstechnik", info.PublisherName);
        Assert.Equal("https://www.bsi.bund.de", info.PublisherNamespace);
        Assert.Equal("Moderate", info.AggregateSeverity);
        Assert.Equal("WHITE", info.TlpLabel);

        var xxe = Assert.Single(info.Vulnerabilities);
        Assert.Equal("CVE-2022-27193", xxe.Cve);
        Assert.Equal(6.1, xxe.BaseScore);
        Assert.Equal("MEDIUM", xxe.Severity);
        Assert.Equal(new CsafCwe("CWE-611", "Improper Restriction of XML External Entity Reference"), xxe.Cwe);
        Assert.Equal(5, xxe.ProductStatus.KnownAffected.Count);
        Assert.Single(xxe.ProductStatus.FirstFixed);
        var alpha = info.Products.Single(p => p.ProductId == "CSAFPID-0001");
        Assert.Equal(("CSAF Tools", "CVRF-CSAF-Converter", "1.0.0-alpha"), (alpha.Vendor, alpha.Product, alpha.Version));
    }

    [DataFact]
    public void Read_OnlyCvssV2Score_DerivesSeverityFromNvdRanges()
    {
        // No real document here has a v2-only score, so one is made from the BSI advisory.
        var bytes = Mutated.From(Mutated.Bsi, d => d["vulnerabilities"]![0]!["scores"] = new JsonArray(new JsonObject
        {
            ["products"] = new JsonArray("CSAFPID-0001"),
            ["cvss_v2"] = new JsonObject { ["version"] = "2.0", ["vectorString"] = "AV:N/AC:L/Au:N/C:P/I:P/A:P", ["baseScore"] = 7.5 },
        }));

        var vulnerability = Assert.Single(CsafReader.Read(bytes).Document!.Vulnerabilities);

        Assert.Equal((7.5, "HIGH", "2.0", "AV:N/AC:L/Au:N/C:P/I:P/A:P"), (vulnerability.BaseScore, vulnerability.Severity, vulnerability.CvssVersion, vulnerability.Vector));
    }

    [DataFact]
    public void Read_HigherV2ThanV3Score_PrefersV3()
    {
        var bytes = Mutated.From(Mutated.Bsi, d => d["vulnerabilities"]![0]!["scores"]!.AsArray().Add(new JsonObject
        {
            ["products"] = new JsonArray("CSAFPID-0001"),
            ["cvss_v2"] = new JsonObject { ["version"] = "2.0", ["vectorString"] = "AV:N/AC:L/Au:N/C:C/I:C/A:C", ["baseScore"] = 10.0 },
        }));

        var vulnerability = Assert.Single(CsafReader.Read(bytes).Document!.Vulnerabilities);

        Assert.Equal((6.1, "MEDIUM", "3.1"), (vulnerability.BaseScore, vulnerability.Severity, vulnerability.CvssVersion));
    }

    [DataFact]
    public void Read_RemediationWithGroupIds_ExpandsGroupMembers()
    {
        var bytes = Mutated.From(Mutated.Bsi, d =>
        {
            d["product_tree"]!["product_groups"] = new JsonArray(new JsonObject
            {
                ["group_id"] = "CSAFGID-0001",
                ["product_ids"] = new JsonArray("CSAFPID-0004", "CSAFPID-0001"),
            });
            var remediation = d["vulnerabilities"]![0]!["remediations"]![0]!;
            remediation["product_ids"] = new JsonArray("CSAFPID-0002");
            remediation["group_ids"] = new JsonArray("CSAFGID-0001");
        });

        var remediation = CsafReader.Read(bytes).Document!.Vulnerabilities[0].Remediations[0];

        Assert.Equal(["CSAFPID-0002", "CSAFPID-0004", "CSAFPID-0001"], remediation.ProductIds);
    }

    [DataFact]
    public void Read_OffsetReleaseDate_IsConvertedToUtc()
    {
        var bytes = Mutated.From(Mutated.Bsi, d => Mutated.Tracking(d)["current_release_date"] = "2022-03-18T01:30:00+02:00");

        var date = CsafReader.Read(bytes).Document!.CurrentReleaseDate;

        Assert.Equal(Utc(2022, 3, 17, 23, 30, 0), date);
        Assert.Equal(TimeSpan.Zero, date.Offset);
    }
}
