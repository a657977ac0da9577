using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>Our phase 1 against snarkjs 0.7.6, both ways: the same bytes where the operation is deterministic, each accepting the other's files.</summary>
[Trait("Category", "Slow")]
public class Phase1InteropTests
{
    static readonly byte[] BeaconValue = Convert.FromHexString("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");

    static void AssertSnarkjsVerifies(string path)
    {
        var verdict = SetupFixtures.RunSnarkjs("powersoftau", "verify", path);
        Assert.True(verdict.ExitCode == 0 && verdict.Stdout.Contains("Powers of Tau Ok!", StringComparison.Ordinal), verdict.Stdout + verdict.Stderr);
    }

    [Fact]
    public void New_is_byte_identical_to_snarkjs_new()
    {
        using var dir = new SetupTempDirectory();
        var ours = Phase1Files.New(dir, 5);
        SetupFixtures.RunSnarkjs("powersoftau", "new", "bn128", "5", dir.File("theirs.ptau"));
        Assert.Equal(File.ReadAllBytes(dir.File("theirs.ptau")), File.ReadAllBytes(ours));
    }

    [Fact]
    public void Snarkjs_verifies_our_contributions_beacon_and_prepared_file()
    {
        using var dir = new SetupTempDirectory();
        var one = Phase1Files.Contribute(Phase1Files.New(dir, 5), dir.File("one.ptau"), "alice");
        var two = Phase1Files.Contribute(one, dir.File("two.ptau"), "bob");
        var beacon = Phase1Files.Beacon(two, dir.File("beacon.ptau"), BeaconValue);
        var prepared = Phase1Files.Prepare(beacon, dir.File("prepared.ptau"));
        AssertSnarkjsVerifies(two);
        AssertSnarkjsVerifies(prepared);
    }

    [Fact]
    public void We_verify_a_snarkjs_made_file_and_snarkjs_verifies_our_extension_of_it()
    {
        Assert.True(Phase1Files.Verify(PtauFixtures.Small).IsValid);
        using var dir = new SetupTempDirectory();
        var extended = Phase1Files.Contribute(PtauFixtures.Small, dir.File("extended.ptau"), "after snarkjs");
        Assert.True(Phase1Files.Verify(extended).IsValid);
        AssertSnarkjsVerifies(extended);

        // And snarkjs's contribution on top of ours.
        SetupFixtures.RunSnarkjs("powersoftau", "contribute", extended, dir.File("theirs.ptau"), "--name=snarkjs again", "-e=some entropy");
        var report = Phase1Files.Verify(dir.File("theirs.ptau"));
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Equal(["zkpot test ptau", "after snarkjs", "snarkjs again"], report.Contributions.Select(c => c.Name));
    }

    [Fact]
    public void Beacon_and_prepare_are_byte_identical_to_snarkjs()
    {
        using var dir = new SetupTempDirectory();
        var one = Phase1Files.Contribute(Phase1Files.New(dir, 5), dir.File("one.ptau"), "alice");
        var ours = Phase1Files.Beacon(one, dir.File("ours-beacon.ptau"), BeaconValue);
        SetupFixtures.RunSnarkjs("powersoftau", "beacon", one, dir.File("theirs-beacon.ptau"), Convert.ToHexStringLower(BeaconValue), "10", "-n=beacon");
        Assert.Equal(File.ReadAllBytes(dir.File("theirs-beacon.ptau")), File.ReadAllBytes(ours));

        var oursPrepared = Phase1Files.Prepare(ours, dir.File("ours-prepared.ptau"));
        SetupFixtures.RunSnarkjs("powersoftau", "prepare", "phase2", ours, dir.File("theirs-prepared.ptau"));
        Assert.Equal(File.ReadAllBytes(dir.File("theirs-prepared.ptau")), File.ReadAllBytes(oursPrepared));
    }

    [Fact]
    public void Snarkjs_groth16_setup_on_our_prepared_file_gives_the_key_our_setup_gives()
    {
        using var dir = new SetupTempDirectory();
        var one = Phase1Files.Contribute(Phase1Files.New(dir, 5), dir.File("one.ptau"), "alice");
        var prepared = Phase1Files.Prepare(one, dir.File("prepared.ptau"));
        SetupFixtures.RunSnarkjs("groth16", "setup", SetupFixtures.Mul.R1cs, prepared, dir.File("theirs.zkey"));
        using var ptau = PowersOfTau.Open(prepared);
        using var stream = new MemoryStream();
        ZKeyWriter.Write(Groth16Setup.FromPowersOfTau(SetupFixtures.MulR1cs, ptau), stream);
        var ours = new IdenSections(stream.ToArray());
        var theirs = new IdenSections(File.ReadAllBytes(dir.File("theirs.zkey")));
        Assert.Equal(theirs.Types, ours.Types);
        foreach (var type in theirs.Types)
            Assert.True(theirs.Content(type).AsSpan().SequenceEqual(ours.Content(type)), $"section {type} differs");
    }

    [Fact]
    public void Snarkjs_rejects_a_file_whose_contribution_we_tampered_with()
    {
        // The oracle's side of Phase1Tests: snarkjs too finds the replayed proof (so those tests test something real).
        using var dir = new SetupTempDirectory();
        var one = Phase1Files.Contribute(Phase1Files.New(dir, 4), dir.File("one.ptau"), "alice");
        var bytes = File.ReadAllBytes(Phase1Files.Contribute(one, dir.File("two.ptau"), "bob"));
        var first = Phase1Files.RecordOffset(bytes, 1);
        var second = Phase1Files.RecordOffset(bytes, 2);
        bytes.AsSpan(first + Phase1Files.RecordAlphaG1, 64).CopyTo(bytes.AsSpan(second + Phase1Files.RecordAlphaG1, 64));
        File.WriteAllBytes(dir.File("tampered.ptau"), bytes);
        Assert.NotEqual(0, SetupFixtures.RunSnarkjs("powersoftau", "verify", dir.File("tampered.ptau")).ExitCode);
        Assert.False(Phase1Files.Verify(bytes).IsValid);
    }
}
