using System.Text.Json;
using Schakel.Features.Network;

namespace Schakel.Tests.Features.Network;

public sealed class NetworkDocumentTests
{
    [Fact]
    public void Deserialize_OrganisationWithoutType_Refused()
    {
        const string json = """{"organisations":[{"key":"x","name":"X"}]}""";
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<NetworkDocument>(json, NetworkDocument.JsonOptions));
        Assert.Contains("type", error.Message);
    }

    [Fact]
    public void Deserialize_OrganisationWithType_Read()
    {
        const string json = """{"organisations":[{"key":"x","name":"X","type":"Member","sectors":["health"]}]}""";
        var doc = JsonSerializer.Deserialize<NetworkDocument>(json, NetworkDocument.JsonOptions)!;
        Assert.Equal(OrganisationType.Member, Assert.Single(doc.Organisations).Type);
    }
}
