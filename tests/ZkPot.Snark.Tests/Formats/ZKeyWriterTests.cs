using System.Text.Json.Nodes;
using ZkPot.Snark.Formats;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Formats;

public sealed class ZKeyWriterTests
{
    [Fact]
    public void Snarkjs_exports_the_same_verification_key_from_a_key_assembled_and_written_here()
    {
        var fixture = FormatFixtures.Mul;
        var read = ZKeyReader.Read(fixture.Zkey);
        using var directory = new TempDirectory();
        var written = directory.File("assembled.zkey");
        var vk = directory.File("verification_key.json");

        ZKeyWriter.Write(Assemble(read, read.Coefficients.ToArray()), written);
        Snarkjs.Run("zkey", "export", "verificationkey", written, vk);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(fixture.VerificationKey)), JsonNode.Parse(File.ReadAllText(vk))));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Snarkjs_proves_with_a_key_whose_coefficients_were_reordered_here_and_the_proof_verifies()
    {
        var fixture = FormatFixtures.Mul;
        var read = ZKeyReader.Read(fixture.Zkey);
        var reversed = read.Coefficients.ToArray();
        Array.Reverse(reversed);
        using var directory = new TempDirectory();
        var written = directory.File("reordered.zkey");
        var proof = directory.File("proof.json");
        var publicJson = directory.File("public.json");

        ZKeyWriter.Write(Assemble(read, reversed), written);
        Snarkjs.Run("groth16", "prove", written, FormatFixtures.MulWitness, proof, publicJson);

        Assert.NotEqual(File.ReadAllBytes(fixture.Zkey), File.ReadAllBytes(written));
        Assert.True(Snarkjs.Verify(fixture.VerificationKey, publicJson, proof));
    }

    /// <summary>A new key from a read key's parts, with its contributions section encoded here rather than copied.</summary>
    static ZKey Assemble(ZKey source, ZKeyCoefficient[] coefficients)
    {
        var h = source.Header;
        var header = new ZKeyHeader(h.NVars, h.NPublic, h.DomainSize, h.Alpha1, h.Beta1, h.Beta2, h.Gamma2, h.Delta1, h.Delta2);
        var contributions = new ZKeyContributions(source.Contributions.CircuitHash.ToArray(), source.Contributions.Items);
        return new ZKey(header, source.IC.ToArray(), coefficients, source.A.ToArray(), source.B1.ToArray(), source.B2.ToArray(),
            source.C.ToArray(), source.H.ToArray(), contributions);
    }
}
