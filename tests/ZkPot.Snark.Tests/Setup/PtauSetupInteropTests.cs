using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

public class PtauSetupInteropTests
{
    static readonly Lazy<ZKey> ourInitialMulKey = new(() =>
    {
        using var ptau = PowersOfTau.Open(PtauFixtures.Small);
        return Groth16Setup.FromPowersOfTau(SetupFixtures.MulR1cs, ptau);
    });

    static byte[] Bytes(ZKey zkey)
    {
        using var stream = new MemoryStream();
        ZKeyWriter.Write(zkey, stream);
        return stream.ToArray();
    }

    [Fact]
    public void Ptau_setup_for_mul_has_snarkjs_groth16_setup_sections_byte_for_byte()
    {
        // snarkjs writes the sections of a new key in the order 1 2 4 3 9 8 5 6 7 10; the contents are what must agree.
        var ours = new IdenSections(Bytes(ourInitialMulKey.Value));
        var theirs = new IdenSections(File.ReadAllBytes(SetupFixtures.SnarkjsInitialKey(SetupFixtures.Mul.R1cs)));
        Assert.Equal(theirs.Types, ours.Types);
        foreach (var type in theirs.Types)
            Assert.True(theirs.Content(type).AsSpan().SequenceEqual(ours.Content(type)), $"section {type} differs");
    }

    [Fact]
    public void Snarkjs_zkey_verify_accepts_our_initial_ptau_key()
    {
        using var dir = new SetupTempDirectory();
        var path = dir.File("mul_0000.zkey");
        ZKeyWriter.Write(ourInitialMulKey.Value, path);
        var result = SetupFixtures.RunSnarkjs("zkey", "verify", SetupFixtures.Mul.R1cs, PtauFixtures.Small, path);
        Assert.True(result.ExitCode == 0 && result.Stdout.Contains("ZKey Ok!", StringComparison.Ordinal), result.Stdout + result.Stderr);
    }

    [Fact]
    public void After_our_contributions_snarkjs_verifies_the_chain_and_proves_with_the_key()
    {
        var key = Phase2Ceremony.Contribute(ourInitialMulKey.Value, "first", "some entropy");
        key = Phase2Ceremony.Contribute(key, "second");
        using var dir = new SetupTempDirectory();
        var path = dir.File("mul_0002.zkey");
        ZKeyWriter.Write(key, path);

        var verdict = SetupFixtures.RunSnarkjs("zkey", "verify", SetupFixtures.Mul.R1cs, PtauFixtures.Small, path);
        Assert.True(verdict.ExitCode == 0 && verdict.Stdout.Contains("ZKey Ok!", StringComparison.Ordinal), verdict.Stdout + verdict.Stderr);

        var (proof, pub, vk) = SetupFixtures.SnarkjsProve(path, SetupFixtures.MulWitness, dir.PathName);
        Assert.True(Snarkjs.Verify(vk, pub, proof));
        Assert.True(Groth16Verifier.Verify(ZKeyExport.ToVerifyingKey(key), SnarkjsJson.ReadPublic(pub), SnarkjsJson.ReadProof(proof)));
    }

    [Fact]
    public void Snarkjs_proves_with_our_dev_key_and_both_verifiers_accept()
    {
        var key = Groth16Setup.Development(SetupFixtures.MulR1cs);
        using var dir = new SetupTempDirectory();
        var path = dir.File("mul_dev.zkey");
        ZKeyWriter.Write(key, path);

        var (proof, pub, vk) = SetupFixtures.SnarkjsProve(path, SetupFixtures.MulWitness, dir.PathName);
        Assert.True(Snarkjs.Verify(vk, pub, proof));
        Assert.True(Groth16Verifier.Verify(ZKeyExport.ToVerifyingKey(key), SnarkjsJson.ReadPublic(pub), SnarkjsJson.ReadProof(proof)));
    }

    [Fact]
    public void Our_chain_check_accepts_snarkjs_key_with_its_contribution_and_names_it()
    {
        var fixture = OracleFixtures.Mul();
        var zkey = ZKeyReader.Read(fixture.Zkey);
        using var ptau = PowersOfTau.Open(PtauFixtures.Small);
        var report = SetupVerifier.VerifyChain(SetupFixtures.MulR1cs, zkey, ptau);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Equal(["zkpot oracle fixture"], report.Contributions.Select(c => c.Name));
        Assert.DoesNotContain(report.Checks, c => c.Outcome == SetupCheckOutcome.Skipped);
    }
}
