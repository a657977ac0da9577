using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

public class OverreadHashTests
{
    /// <summary>
    /// A domain that fills a power-15 file: snarkjs's circuit hash then reads 64 bytes past section 2 (see
    /// OverreadHQueryPoint). Real power-15 ptau files take a quarter of an hour to prepare here, so the file is a fake one
    /// with valid points; neither setup checks consistency, and both must write the same key, circuit hash included.
    /// </summary>
    [Fact, Trait("Category", "Slow")]
    public void Key_whose_domain_fills_the_ptau_matches_snarkjs_including_the_overread_circuit_hash()
    {
        using var dir = new SetupTempDirectory();
        var ptauPath = dir.File("fake15.ptau");
        FakePowersOfTau.Write(ptauPath, 15);
        var r1cs = SetupCircuits.Squares(constraints: 20_000, publicInputs: 1);
        var r1csPath = dir.File("squares.r1cs");
        R1csWriter.Write(r1cs, r1csPath);

        using var ptau = PowersOfTau.Open(ptauPath);
        var ours = Groth16Setup.FromPowersOfTau(r1cs, ptau, checkPhase1: false);
        Assert.Equal(1 << 15, ours.Header.DomainSize);

        var theirsPath = dir.File("squares_snarkjs.zkey");
        Snarkjs.Run("groth16", "setup", r1csPath, ptauPath, theirsPath);
        using var stream = new MemoryStream();
        ZKeyWriter.Write(ours, stream);
        var mine = new IdenSections(stream.ToArray());
        var theirs = new IdenSections(File.ReadAllBytes(theirsPath));
        foreach (var type in theirs.Types)
            Assert.True(theirs.Content(type).AsSpan().SequenceEqual(mine.Content(type)), $"section {type} differs");
    }
}
