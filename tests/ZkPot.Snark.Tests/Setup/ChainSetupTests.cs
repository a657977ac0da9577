using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

public class ChainSetupTests
{
    [Fact, Trait("Category", "Slow")]
    public void Chain_ptau_setup_has_snarkjs_sections_byte_for_byte_and_its_chain_verifies()
    {
        var r1cs = R1csReader.Read(SetupFixtures.Chain.R1cs);
        using var ptau = PowersOfTau.Open(PtauFixtures.Power14);
        var key = Groth16Setup.FromPowersOfTau(r1cs, ptau);

        using var stream = new MemoryStream();
        ZKeyWriter.Write(key, stream);
        var ours = new IdenSections(stream.ToArray());
        var theirs = new IdenSections(File.ReadAllBytes(SetupFixtures.SnarkjsInitialKey(SetupFixtures.Chain.R1cs)));
        Assert.Equal(theirs.Types, ours.Types);
        foreach (var type in theirs.Types)
            Assert.True(theirs.Content(type).AsSpan().SequenceEqual(ours.Content(type)), $"section {type} differs");

        var report = SetupVerifier.VerifyChain(r1cs, Phase2Ceremony.Contribute(key, "chain"), ptau);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
    }
}
