using System.Text.Json.Nodes;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Json;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

public class ExportVerifyingKeyTests
{
    [Fact]
    public void Exported_vk_of_a_snarkjs_key_equals_snarkjs_export_field_by_field()
    {
        var fixture = OracleFixtures.Mul();
        using var dir = new SetupTempDirectory();
        var ours = dir.File("vk.json");
        SnarkjsJson.WriteVerifyingKey(ours, ZKeyExport.ToVerifyingKey(ZKeyReader.Read(fixture.Zkey)));

        var expected = JsonNode.Parse(File.ReadAllText(fixture.VerificationKey))!.AsObject();
        var actual = JsonNode.Parse(File.ReadAllText(ours))!.AsObject();
        Assert.Equal(expected.Select(p => p.Key).Order(), actual.Select(p => p.Key).Order());
        foreach (var (name, value) in expected)
            Assert.True(JsonNode.DeepEquals(value, actual[name]), $"field {name} differs: snarkjs {value?.ToJsonString()}, ours {actual[name]?.ToJsonString()}");
    }
}
