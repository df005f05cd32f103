namespace Schakel.Features.Network;

/// <summary>The demo network's organisations. Members are fictitious; domains are under example.nl.</summary>
public static class DemoData
{
    private static OrganisationDto Org(string key, string name, OrganisationType type, string[] sectors, Nis2Class nis2, string region,
        string wbni = "none", Designation? designation = null, string[]? linking = null, string? kvk = null, string? oin = null) => new()
        {
            Key = key, Name = name, Type = type, Designation = designation, Sectors = [.. sectors], Nis2Class = nis2, Region = region,
            WbniCategory = wbni, LinkingOrganisations = [.. linking ?? []], KvkNumber = kvk, Oin = oin,
            Email = $"security@{key}.example.nl", Phone = "+31 70 000 0000", Website = $"https://{key}.example.nl",
        };

    /// <summary>Coordinator, director, 9 linking organisations (CERT and OKTT) and 45 members (one without a linking organisation) across sectors, classes and regions.</summary>
    public static List<OrganisationDto> Organisations()
    {
        const OrganisationType L = OrganisationType.LinkingOrganisation, M = OrganisationType.Member;
        const Nis2Class E = Nis2Class.Essential, I = Nis2Class.Important, N = Nis2Class.None;
        var orgs = new List<OrganisationDto>
        {
            Org("ncsc", "Nationaal Cyber Security Centrum", OrganisationType.Coordinator, ["central-government"], N, "NL-ZH", "national-csirt", oin: "00000001003214345000"),
            Org("nctv", "Nationaal Coördinator Terrorismebestrijding en Veiligheid", OrganisationType.Director, ["central-government"], N, "NL-ZH", "vital-or-government"),
            Org("z-cert", "Z-CERT (zorg)", L, ["health"], N, "NL-ZH", "designated-cert", Designation.CERT),
            Org("ibd", "Informatiebeveiligingsdienst voor gemeenten (IBD)", L, ["municipalities", "public-administration"], N, "NL-ZH", "designated-cert", Designation.CERT),
            Org("surfcert", "SURFcert (onderwijs en onderzoek)", L, ["education", "research"], N, "NL-UT", "designated-cert", Designation.CERT),
            Org("water-isac", "Water-ISAC (drinkwater en waterschappen)", L, ["drinking-water", "waste-water"], N, "NL-UT", "designated-cert", Designation.CERT),
            Org("energie-isac", "Energie-ISAC", L, ["energy"], N, "NL-GE", "designated-cert", Designation.CERT),
            Org("oktt-mkb", "OKTT MKB Nederland", L, ["manufacturing", "food", "digital-providers"], N, "NL-NB", "oktt", Designation.OKTT),
            Org("fi-isac", "FI-ISAC (financiële sector)", L, ["banking", "financial-market-infrastructure"], N, "NL-NH", "designated-cert", Designation.CERT),
            Org("cert-rijk", "CERT Rijksdienst (fictief)", L, ["central-government"], N, "NL-ZH", "designated-cert", Designation.CERT),
            Org("cyberhub-caribisch", "Cyberhub Caribisch Nederland (regionaal OKTT)", L, ["public-administration"], N, "BQ-BO", "oktt", Designation.OKTT),
        };

        // Members: (key, name, sectors, class, region, Wbni category, linking organisations)
        (string Key, string Name, string[] Sectors, Nis2Class Class, string Region, string Wbni, string[] Linking)[] members =
        [
            ("ziekenhuis-rijnoever", "Ziekenhuis Rijnoever", ["health"], E, "NL-ZH", "none", ["z-cert"]),
            ("umc-noorderlicht", "UMC Noorderlicht", ["health", "research"], E, "NL-GR", "none", ["z-cert", "surfcert"]),
            ("ziekenhuis-de-kempen-zuid", "Ziekenhuis De Kempen Zuid", ["health"], E, "NL-NB", "none", ["z-cert"]),
            ("zorggroep-veluwezoom", "Zorggroep Veluwezoom", ["health"], I, "NL-GE", "none", ["z-cert"]),
            ("ggd-hollands-midden-oost", "GGD Hollands Midden-Oost", ["health", "public-administration"], I, "NL-ZH", "none", ["z-cert"]),
            ("apotheek-keten-zuidwest", "Apotheekketen Zuidwest", ["health"], N, "NL-ZE", "none", ["z-cert", "oktt-mkb"]),
            ("ziekenhuis-bonaire-fictief", "Fundashon Hospitaal Kralendijk (fictief)", ["health"], E, "BQ-BO", "none", ["z-cert", "cyberhub-caribisch"]),
            // No basis and no linking organisation: the coordinator sees it listed as unreachable, never silently skipped.
            ("huisartsenpraktijk-de-linde", "Huisartsenpraktijk De Linde (fictief)", ["health"], N, "NL-UT", "none", []),
            ("gemeente-veldhoven-aan-zee", "Gemeente Veldhoven aan Zee", ["municipalities", "public-administration"], I, "NL-NH", "none", ["ibd"]),
            ("gemeente-hoogeveld", "Gemeente Hoogeveld", ["municipalities", "public-administration"], I, "NL-DR", "none", ["ibd"]),
            ("gemeente-lindewaard", "Gemeente Lindewaard", ["municipalities", "public-administration"], I, "NL-UT", "none", ["ibd"]),
            ("gemeente-brederode-oost", "Gemeente Brederode-Oost", ["municipalities", "public-administration"], I, "NL-FR", "none", ["ibd"]),
            ("gemeente-maasdal", "Gemeente Maasdal", ["municipalities", "public-administration"], I, "NL-LI", "none", ["ibd"]),
            ("gemeente-zeewolde-west", "Gemeente Zeewolde-West", ["municipalities", "public-administration"], I, "NL-FL", "none", ["ibd"]),
            ("gemeente-twentestad", "Gemeente Twentestad", ["municipalities", "public-administration"], I, "NL-OV", "none", ["ibd"]),
            ("openbaar-lichaam-saba-fictief", "Openbaar Lichaam Saba (fictief)", ["public-administration", "municipalities"], I, "BQ-SA", "none", ["ibd", "cyberhub-caribisch"]),
            ("openbaar-lichaam-statia-fictief", "Openbaar Lichaam Sint Eustatius (fictief)", ["public-administration", "municipalities"], I, "BQ-SE", "none", ["ibd", "cyberhub-caribisch"]),
            ("ministerie-van-voorbeeldzaken", "Ministerie van Voorbeeldzaken", ["central-government", "public-administration"], E, "NL-ZH", "vital-or-government", ["cert-rijk"]),
            ("dienst-digitale-diensten", "Dienst Digitale Diensten", ["central-government", "ict-service-management"], E, "NL-GR", "vital-or-government", ["cert-rijk"]),
            ("universiteit-van-de-delta", "Universiteit van de Delta", ["education", "research"], I, "NL-ZE", "none", ["surfcert"]),
            ("hogeschool-ijsselland", "Hogeschool IJsselland", ["education"], N, "NL-OV", "none", ["surfcert"]),
            ("technische-universiteit-peel", "Technische Universiteit De Peel", ["education", "research"], I, "NL-NB", "none", ["surfcert"]),
            ("roc-westerkwartier", "ROC Westerkwartier", ["education"], N, "NL-GR", "none", ["surfcert"]),
            ("onderzoeksinstituut-kustlijn", "Onderzoeksinstituut Kustlijn", ["research"], I, "NL-NH", "none", ["surfcert"]),
            ("drinkwater-midden", "Drinkwaterbedrijf Midden", ["drinking-water"], E, "NL-UT", "vital-or-government", ["water-isac"]),
            ("drinkwater-noordoost", "Drinkwaterbedrijf Noordoost", ["drinking-water"], E, "NL-DR", "vital-or-government", ["water-isac"]),
            ("waterschap-lage-landen", "Waterschap Lage Landen", ["waste-water", "public-administration"], E, "NL-ZH", "none", ["water-isac"]),
            ("waterschap-rivierenland-oost", "Waterschap Rivierenland-Oost", ["waste-water", "public-administration"], E, "NL-GE", "none", ["water-isac"]),
            ("waterbedrijf-curacao-fictief", "Waterbedrijf Curaçao (fictief)", ["drinking-water"], E, "CW", "none", ["water-isac"]),
            ("netbeheer-zuid", "Netbeheer Zuid", ["energy"], E, "NL-LI", "vital-or-government", ["energie-isac"]),
            ("windpark-noordzee-fictief", "Windpark Noordzee Kust (fictief)", ["energy"], E, "NL-NH", "none", ["energie-isac"]),
            ("warmtenet-arnhem-oost", "Warmtenet Oost", ["energy"], I, "NL-GE", "none", ["energie-isac", "oktt-mkb"]),
            ("energie-aruba-fictief", "Energiebedrijf Aruba (fictief)", ["energy"], E, "AW", "none", ["energie-isac"]),
            ("bakkerij-van-der-meel", "Bakkerij Van der Meel", ["food"], N, "NL-FR", "none", ["oktt-mkb"]),
            ("metaalbewerking-brabant", "Metaalbewerking Brabant", ["manufacturing"], I, "NL-NB", "none", ["oktt-mkb"]),
            ("zuivel-coop-fictief", "Zuivelcoöperatie De Weide", ["food", "manufacturing"], I, "NL-FR", "none", ["oktt-mkb"]),
            ("webwinkel-plaza", "Webwinkel Plaza", ["digital-providers"], I, "NL-FL", "none", ["oktt-mkb"]),
            ("hosting-dijkstra", "Hosting Dijkstra", ["digital-infrastructure", "ict-service-management"], E, "NL-OV", "internet-access-provider", ["oktt-mkb"]),
            ("chemie-botlek-fictief", "Chemiebedrijf Botlek (fictief)", ["chemicals"], E, "NL-ZH", "none", ["oktt-mkb"]),
            ("koeriers-sint-maarten", "Koeriersdienst Sint Maarten (fictief)", ["postal-courier"], N, "SX", "none", ["cyberhub-caribisch"]),
            ("afvalverwerking-twente", "Afvalverwerking Twente", ["waste-management"], I, "NL-OV", "none", ["oktt-mkb"]),
            ("havenbedrijf-zeeuwse-delta", "Havenbedrijf Zeeuwse Delta", ["transport"], E, "NL-ZE", "vital-or-government", ["oktt-mkb"]),
            ("bank-voorbeeld", "Voorbeeldbank", ["banking"], E, "NL-NH", "vital-or-government", ["fi-isac"]),
            ("satellietdata-noord", "Satellietdata Noord", ["space", "research"], I, "NL-GR", "none", ["surfcert"]),
            ("internetknooppunt-fictief", "Internetknooppunt Holland (fictief)", ["digital-infrastructure"], E, "NL-NH", "internet-access-provider", ["oktt-mkb"]),
        ];
        orgs.AddRange(members.Select(m => Org(m.Key, m.Name, M, m.Sectors, m.Class, m.Region, m.Wbni, linking: m.Linking)));
        return orgs;
    }
}
