using System.Buffers.Binary;
using ZkPot.Crypto;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

public class PowersOfTauTests
{
    static readonly Lazy<byte[]> small = new(() => File.ReadAllBytes(PtauFixtures.Small));

    static PowersOfTau Open(byte[] bytes) => PowersOfTau.Open(new MemoryStream(bytes, writable: false), "test.ptau");

    static byte[] Patched(Action<byte[], IdenSections> patch)
    {
        var bytes = small.Value.ToArray();
        patch(bytes, new IdenSections(bytes));
        return bytes;
    }

    /// <summary>The file rebuilt from some of its sections, in the given order.</summary>
    static byte[] WithSections(params uint[] types)
    {
        var source = new IdenSections(small.Value);
        using var stream = new MemoryStream();
        stream.Write(small.Value.AsSpan(0, 8));
        stream.Write(BitConverter.GetBytes((uint)types.Length));
        foreach (var type in types)
        {
            var content = source.Content(type);
            stream.Write(BitConverter.GetBytes(type));
            stream.Write(BitConverter.GetBytes((ulong)content.Length));
            stream.Write(content);
        }
        return stream.ToArray();
    }

    [Fact]
    public void Test_ptau_opens_with_its_header_and_contribution()
    {
        using var ptau = PowersOfTau.Open(PtauFixtures.Small);
        Assert.Equal(PtauFixtures.SmallPower, ptau.Power);
        Assert.Equal(PtauFixtures.SmallPower, ptau.CeremonyPower);
        Assert.True(ptau.IsPrepared);
        Assert.Single(ptau.Contributions);
        Assert.Equal(1, ptau.Contributions[0].Number);
    }

    [Fact]
    public void Lagrange_bases_start_from_the_generator_and_sum_to_it()
    {
        using var ptau = PowersOfTau.Open(PtauFixtures.Small);
        // L_0 of the one-point domain is the constant 1, and every basis sums to 1.
        Assert.Equal(G1.Generator, ptau.LagrangeTauG1(0)[0]);
        Assert.Equal(G2.Generator, ptau.LagrangeTauG2(0)[0]);
        foreach (var power in new[] { 1, 3, PtauFixtures.SmallPower + 1 })
        {
            var sum = G1Jacobian.Infinity;
            foreach (var p in ptau.LagrangeTauG1(power))
                sum = sum.AddMixed(p);
            Assert.Equal(G1.Generator, sum.ToAffine());
        }
    }

    [Fact]
    public void Consistency_check_passes_on_the_test_ptau()
    {
        using var ptau = PowersOfTau.Open(PtauFixtures.Small);
        ptau.CheckConsistency(3);
        ptau.CheckConsistency(0);
    }

    [Fact]
    public void Swapped_lagrange_points_fail_the_consistency_check_naming_the_section()
    {
        // Two valid points of section 12's domain 2^3 (entries 7..14) exchanged: every point is on the curve, the basis is wrong.
        var bytes = Patched((b, s) =>
        {
            var first = s.Offset(12) + 8 * 64;
            var second = s.Offset(12) + 9 * 64;
            var tmp = b.AsSpan(first, 64).ToArray();
            b.AsSpan(second, 64).CopyTo(b.AsSpan(first, 64));
            tmp.CopyTo(b.AsSpan(second, 64));
        });
        using var ptau = Open(bytes);
        var e = Assert.Throws<InvalidDataException>(() => ptau.CheckConsistency(3));
        Assert.Contains("section 12", e.Message);
        Assert.Contains("2^3", e.Message);
    }

    [Fact]
    public void Alpha_series_from_another_tau_fails_the_consistency_check()
    {
        // alpha tau^1 replaced by alpha tau^2: still on the curve, no longer a power series.
        var bytes = Patched((b, s) => b.AsSpan(s.Offset(4) + 2 * 64, 64).CopyTo(b.AsSpan(s.Offset(4) + 64, 64)));
        using var ptau = Open(bytes);
        var e = Assert.Throws<InvalidDataException>(() => ptau.CheckConsistency(2));
        Assert.Contains("section 4", e.Message);
    }

    [Fact]
    public void Point_off_the_curve_is_reported_with_section_and_index()
    {
        var bytes = Patched((b, s) => b[s.Offset(12) + 10 * 64 + 3] ^= 1);
        using var ptau = Open(bytes);
        var e = Assert.Throws<InvalidDataException>(() => ptau.LagrangeTauG1(3));
        Assert.Contains("section 12", e.Message);
        Assert.Contains("point 3", e.Message);
        Assert.Contains("curve", e.Message);
    }

    [Fact]
    public void Truncated_file_is_refused()
    {
        var bytes = small.Value.AsSpan(0, small.Value.Length - 1).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => Open(bytes));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Other_magic_is_refused()
    {
        var bytes = Patched((b, _) => b[0] = (byte)'z');
        var e = Assert.Throws<InvalidDataException>(() => Open(bytes));
        Assert.Contains("magic", e.Message);
    }

    [Fact]
    public void Other_curve_is_refused()
    {
        var bytes = Patched((b, s) => b[s.Offset(1) + 4] ^= 1);
        var e = Assert.Throws<InvalidDataException>(() => Open(bytes));
        Assert.Contains("another curve", e.Message);
    }

    [Fact]
    public void Section_of_the_wrong_size_is_refused()
    {
        // One power less in the header: section 2 then holds twice too many points.
        var bytes = Patched((b, s) => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(s.Offset(1) + 36), PtauFixtures.SmallPower - 1));
        var e = Assert.Throws<InvalidDataException>(() => Open(bytes));
        Assert.Contains("section 2", e.Message);
    }

    [Fact]
    public void Unprepared_file_opens_but_setup_refuses_it()
    {
        using var ptau = Open(WithSections(1, 2, 3, 4, 5, 6, 7));
        Assert.False(ptau.IsPrepared);
        var e = Assert.Throws<InvalidDataException>(() => Groth16Setup.FromPowersOfTau(SetupFixtures.MulR1cs, ptau));
        Assert.Contains("prepare phase2", e.Message);
    }

    [Fact]
    public void Partly_prepared_file_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => Open(WithSections(1, 2, 3, 4, 5, 6, 7, 13, 14, 15)));
        Assert.Contains("partly prepared", e.Message);
    }

    [Fact]
    public void Setup_refuses_a_circuit_beyond_the_file_and_names_the_power_needed()
    {
        using var ptau = PowersOfTau.Open(PtauFixtures.Small);
        var r1cs = SetupCircuits.Squares(constraints: 1 << PtauFixtures.SmallPower, publicInputs: 0);
        var e = Assert.Throws<InvalidDataException>(() => Groth16Setup.FromPowersOfTau(r1cs, ptau));
        Assert.Contains($"power at least {PtauFixtures.SmallPower + 1}", e.Message);
        Assert.Contains($"has power {PtauFixtures.SmallPower}", e.Message);
    }
}
