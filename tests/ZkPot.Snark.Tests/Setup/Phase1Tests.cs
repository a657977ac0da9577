using ZkPot.Crypto;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>This project's powers-of-tau ceremony on its own: the chain verifies, and each kind of damage fails the check that names it.</summary>
public class Phase1Tests
{
    static readonly Lazy<byte[]> twoContributions = new(() =>
    {
        using var dir = new SetupTempDirectory();
        var first = Phase1Files.Contribute(Phase1Files.New(dir, 5), dir.File("one.ptau"), "alice");
        var second = Phase1Files.Contribute(first, dir.File("two.ptau"), "bob", "bob's own words");
        return File.ReadAllBytes(Phase1Files.Prepare(second, dir.File("prepared.ptau")));
    });

    static void AssertFailsAt(Phase1Verification report, string check)
    {
        Assert.False(report.IsValid);
        Assert.Contains(check, report.FirstFailure!.Name + ": " + report.FirstFailure.Detail);
        Assert.Equal(report.FirstFailure, report.Checks[^1]);
    }

    static byte[] Patched(Action<byte[], IdenSections> patch)
    {
        var bytes = twoContributions.Value.ToArray();
        patch(bytes, new IdenSections(bytes));
        return bytes;
    }

    [Fact]
    public void Two_contributions_and_prepare_verify_with_every_check()
    {
        var report = Phase1Files.Verify(twoContributions.Value);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.DoesNotContain(report.Checks, c => c.Outcome != SetupCheckOutcome.Passed);
        Assert.Equal(["alice", "bob"], report.Contributions.Select(c => c.Name));
        Assert.Contains(report.Checks, c => c.Name == "Lagrange sections");
    }

    [Fact]
    public void A_fresh_file_fails_verification_for_having_no_contribution()
    {
        using var dir = new SetupTempDirectory();
        AssertFailsAt(Phase1Files.Verify(Phase1Files.New(dir, 3)), "contributions");
    }

    [Fact]
    public void Each_contribution_changes_the_points_and_answers_the_previous_challenge()
    {
        using var dir = new SetupTempDirectory();
        var fresh = Phase1Files.New(dir, 4);
        var one = Phase1Files.Contribute(fresh, dir.File("one.ptau"), "alice");
        using var ptau0 = PowersOfTau.Open(fresh);
        using var ptau1 = PowersOfTau.Open(one);
        Assert.NotEqual(ptau0.TauG1(1, 1)[0], ptau1.TauG1(1, 1)[0]);
        Assert.Equal(Phase1Ceremony.FirstChallenge(4), Phase1Ceremony.NextChallenge(ptau0));
        Assert.NotEqual(Phase1Ceremony.NextChallenge(ptau0), Phase1Ceremony.NextChallenge(ptau1));
        Assert.Equal(ptau1.Contributions[0].TauG1, ptau1.TauG1(1, 1)[0]);
    }

    [Fact]
    public void A_replayed_contribution_record_fails_its_proof_of_knowledge()
    {
        // Bob's record placed where Alice's was: its proofs answer another challenge.
        var bytes = Patched((b, _) =>
        {
            var first = Phase1Files.RecordOffset(b, 1);
            var second = Phase1Files.RecordOffset(b, 2);
            b.AsSpan(second + Phase1Files.RecordKeyTauS, 64).CopyTo(b.AsSpan(first + Phase1Files.RecordKeyTauS, 64));
        });
        AssertFailsAt(Phase1Files.Verify(bytes), "contribution 1 \"alice\": proof of knowledge");
    }

    [Fact]
    public void A_recorded_point_not_multiplied_by_the_proven_secret_fails_the_step_check()
    {
        // Bob's [alpha]G1 replaced by Alice's: a valid point, not Alice's times Bob's alpha.
        var bytes = Patched((b, _) =>
        {
            var first = Phase1Files.RecordOffset(b, 1);
            var second = Phase1Files.RecordOffset(b, 2);
            b.AsSpan(first + Phase1Files.RecordAlphaG1, 64).CopyTo(b.AsSpan(second + Phase1Files.RecordAlphaG1, 64));
        });
        var report = Phase1Files.Verify(bytes);
        AssertFailsAt(report, "contribution 2 \"bob\": follows contribution 1");
        Assert.Contains("alpha", report.FirstFailure!.Detail);
    }

    [Fact]
    public void A_section_point_off_the_power_series_fails_the_sections_check()
    {
        // tau^3 G1 replaced by tau^4 G1: on the curve, in the right place, the wrong power.
        var bytes = Patched((b, s) => b.AsSpan(s.Offset(2) + 4 * 64, 64).CopyTo(b.AsSpan(s.Offset(2) + 3 * 64, 64)));
        var report = Phase1Files.Verify(bytes);
        AssertFailsAt(report, "sections");
        Assert.Contains("section 2", report.FirstFailure!.Detail);
    }

    [Fact]
    public void A_tampered_next_challenge_fails_the_hash_check()
    {
        var bytes = Patched((b, _) => b[Phase1Files.RecordOffset(b, 2) + Phase1Files.RecordNextChallenge] ^= 1);
        AssertFailsAt(Phase1Files.Verify(bytes), "next challenge");
    }

    [Fact]
    public void A_wrong_lagrange_point_fails_the_lagrange_check()
    {
        // Two points of section 14's domain 2^2 (entries 3..6) exchanged.
        var bytes = Patched((b, s) =>
        {
            var first = s.Offset(14) + 4 * 64;
            var tmp = b.AsSpan(first, 64).ToArray();
            b.AsSpan(first + 64, 64).CopyTo(b.AsSpan(first, 64));
            tmp.CopyTo(b.AsSpan(first + 64, 64));
        });
        var report = Phase1Files.Verify(bytes);
        AssertFailsAt(report, "Lagrange sections");
        Assert.Contains("section 14", report.FirstFailure!.Detail);
    }

    [Fact]
    public void A_beacon_is_reproducible_and_a_changed_beacon_value_fails()
    {
        using var dir = new SetupTempDirectory();
        var one = Phase1Files.Contribute(Phase1Files.New(dir, 3), dir.File("one.ptau"), "alice");
        var beacon = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var a = File.ReadAllBytes(Phase1Files.Beacon(one, dir.File("a.ptau"), beacon));
        var b = File.ReadAllBytes(Phase1Files.Beacon(one, dir.File("b.ptau"), beacon));
        Assert.Equal(a, b);
        Assert.True(Phase1Files.Verify(a).IsValid);

        // The recorded beacon value (last byte of the file: parameters end the last record) changed.
        a[^1] ^= 1;
        AssertFailsAt(Phase1Files.Verify(a), "contribution 2 \"beacon\": beacon");
    }

    [Fact]
    public void Contributing_refuses_a_g2_point_outside_the_subgroup()
    {
        // A twist point outside G2 in section 3: a contributor would leak its tau modulo the point's order.
        var bytes = Patched((b, s) =>
        {
            var outside = OutsideSubgroup();
            PointCodec.WriteG2(b.AsSpan(s.Offset(3) + 2 * 128, 128), outside);
        });
        using var dir = new SetupTempDirectory();
        File.WriteAllBytes(dir.File("bad.ptau"), bytes);
        using var ptau = PowersOfTau.Open(dir.File("bad.ptau"));
        var e = Assert.Throws<InvalidDataException>(() => Phase1Ceremony.Contribute(ptau, dir.File("out.ptau"), "carol"));
        Assert.Contains("subgroup", e.Message);
        Assert.False(File.Exists(dir.File("out.ptau")));
        Assert.Empty(Directory.EnumerateFiles(dir.PathName, "*.tmp"));
    }

    [Fact]
    public void A_reduced_file_cannot_take_a_contribution()
    {
        var bytes = Patched((b, s) => BitConverter.TryWriteBytes(b.AsSpan(s.Offset(1) + 40), 6u));
        using var ptau = PowersOfTau.Open(new MemoryStream(bytes), "reduced.ptau");
        using var dir = new SetupTempDirectory();
        var e = Assert.Throws<InvalidDataException>(() => Phase1Ceremony.Contribute(ptau, dir.File("out.ptau"), "dave"));
        Assert.Contains("reduced", e.Message);
    }

    [Fact]
    public void Partial_hash_record_resumes_to_the_same_digest()
    {
        var data = Enumerable.Range(0, 1000).Select(i => (byte)(i * 7)).ToArray();
        foreach (var split in new[] { 0, 1, 64, 127, 128, 129, 300, 999 })
        {
            var hasher = new Blake2b();
            hasher.Append(data.AsSpan(0, split));
            var resumed = Blake2b.FromPartial(hasher.ExportPartial());
            resumed.Append(data.AsSpan(split));
            Assert.Equal(Blake2b.Hash(data), resumed.Finish());
        }
    }

    static G2Affine OutsideSubgroup()
    {
        // x = 1, 2, ... until x^3 + b' is a square: a twist point whose order is almost surely not r.
        for (ulong i = 1; ; i++)
        {
            var x = new Fp2(Fp.FromUInt64(i), Fp.One);
            if ((x.Square() * x + G2.B).TrySqrt(out var y))
            {
                var q = new G2Affine(x, y);
                if (!G2.InSubgroup(q))
                    return q;
            }
        }
    }
}
