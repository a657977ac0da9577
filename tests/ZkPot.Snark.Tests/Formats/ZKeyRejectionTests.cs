using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Formats;

public sealed class ZKeyRejectionTests
{
    // Offsets inside section 2 (the Groth16 header).
    const int QOffset = 4;
    const int NVarsOffset = 72;
    const int Alpha1Offset = 84;
    const int Gamma2Offset = 340;
    const int Delta1Offset = 468;

    static readonly byte[] Original = File.ReadAllBytes(FormatFixtures.Mul.Zkey);
    static readonly FileLayout Layout = new(Original);

    [Fact]
    public void Read_rejects_a_coordinate_not_below_p_and_names_section_and_point()
    {
        var bytes = Copy();
        FileLayout.Bytes32(Fp.Modulus).CopyTo(bytes, Layout.Offset(5) + 2 * 64);

        var error = ReadBroken(bytes, "coordinate.zkey");

        Assert.Contains("coordinate.zkey: section 5 (A points), point 2: x is not below p", error.Message);
    }

    [Fact]
    public void Read_rejects_a_G1_point_off_the_curve()
    {
        var bytes = Copy();
        bytes[Layout.Offset(6) + 4 * 64 + 32] ^= 1; // lowest bit of B1[4].y (wire 4, x, is in B)

        Assert.Contains("section 6 (B1 points), point 4: not on the curve", ReadBroken(bytes, "curve.zkey").Message);
    }

    [Fact]
    public void Read_rejects_a_G2_point_off_the_twist()
    {
        var bytes = Copy();
        bytes[Layout.Offset(7) + 4 * 128 + 96] ^= 1; // lowest bit of B2[4].y.c1

        Assert.Contains("section 7 (B2 points), point 4: not on the twist", ReadBroken(bytes, "twist.zkey").Message);
    }

    [Fact]
    public void Read_rejects_a_verification_key_point_outside_the_G2_subgroup()
    {
        var bytes = Copy();
        var outsider = TwistPointOutsideSubgroup();
        WriteG2(bytes.AsSpan(Layout.Offset(2) + Gamma2Offset), outsider);

        Assert.Contains("section 2 (Groth16 header): gamma2: not in the order-r subgroup", ReadBroken(bytes, "subgroup.zkey").Message);
    }

    [Fact]
    public void Read_rejects_verification_key_points_off_the_curve_or_at_infinity()
    {
        var offCurve = Copy();
        offCurve[Layout.Offset(2) + Alpha1Offset + 32] ^= 1;
        var infinity = Copy();
        Array.Clear(infinity, Layout.Offset(2) + Delta1Offset, 64);

        Assert.Contains("alpha1: not on the curve", ReadBroken(offCurve, "alpha.zkey").Message);
        Assert.Contains("delta1: the point at infinity", ReadBroken(infinity, "delta.zkey").Message);
    }

    [Fact]
    public void Read_rejects_coefficient_entries_out_of_range()
    {
        const int entry = 44;
        var value = Copy();
        FileLayout.Bytes32(Fr.Modulus).CopyTo(value, Layout.Offset(4) + 4 + 2 * entry + 12);
        var signal = Copy();
        BitConverter.TryWriteBytes(signal.AsSpan(Layout.Offset(4) + 4 + 3 * entry + 8), 10u);
        var matrix = Copy();
        BitConverter.TryWriteBytes(matrix.AsSpan(Layout.Offset(4) + 4), 2u);

        Assert.Contains("section 4 (coefficients), entry 2: value is not below r", ReadBroken(value, "value.zkey").Message);
        Assert.Contains("section 4 (coefficients), entry 3: signal 10 is not below nVars 10", ReadBroken(signal, "signal.zkey").Message);
        Assert.Contains("entry 0: matrix 2 is neither A (0) nor B (1)", ReadBroken(matrix, "matrix.zkey").Message);
    }

    [Fact]
    public void Read_rejects_a_malformed_contributions_section()
    {
        // Section 10: circuit hash (64), count (4), then contribution 0: three G1, one G2, transcript, type, parameter length.
        const int parameters = 64 + 4 + 3 * 64 + 128 + 64 + 4 + 4;
        var count = Copy();
        BitConverter.TryWriteBytes(count.AsSpan(Layout.Offset(10) + 64), 2u);
        var unknown = Copy();
        unknown[Layout.Offset(10) + parameters] = 4;
        var point = Copy();
        point[Layout.Offset(10) + 68 + 32] ^= 1;

        Assert.Contains("section 10 (contributions): 2 contributions cannot fit", ReadBroken(count, "count.zkey").Message);
        Assert.Contains("contribution 0 parameters: unknown parameter type 4", ReadBroken(unknown, "parameter.zkey").Message);
        Assert.Contains("contribution 0 deltaAfter: not on the curve", ReadBroken(point, "delta.zkey").Message);
    }

    [Fact]
    public void Read_rejects_a_zkey_of_another_curve()
    {
        var q = Copy();
        q[Layout.Offset(2) + QOffset] ^= 2;
        var n8q = Copy();
        BitConverter.TryWriteBytes(n8q.AsSpan(Layout.Offset(2)), 48u);

        Assert.Contains("section 2 (Groth16 header): zkey of another curve: q =", ReadBroken(q, "q.zkey").Message);
        Assert.Contains("zkey of another curve: n8q = 48", ReadBroken(n8q, "n8q.zkey").Message);
    }

    [Theory]
    [InlineData(2u, "a PLONK zkey")]
    [InlineData(10u, "an FFLONK zkey")]
    [InlineData(7u, "protocol id 7, unknown")]
    public void Read_rejects_a_zkey_of_another_protocol(uint protocol, string expected)
    {
        var bytes = Copy();
        BitConverter.TryWriteBytes(bytes.AsSpan(Layout.Offset(1)), protocol);

        var error = ReadBroken(bytes, "protocol.zkey");

        Assert.Contains($"section 1 (protocol): {expected}; only Groth16 zkeys (protocol id 1) are supported", error.Message);
    }

    [Fact]
    public void Read_rejects_a_header_count_that_disagrees_with_a_section_size()
    {
        var bytes = Copy();
        BitConverter.TryWriteBytes(bytes.AsSpan(Layout.Offset(2) + NVarsOffset), 11u);

        Assert.Contains("section 5 (A points) has 640 bytes, expected 704", ReadBroken(bytes, "count.zkey").Message);
    }

    [Fact]
    public void Read_rejects_an_unexpected_section()
    {
        // Sections 11-13 are the commitment of a commit-and-prove key; 14 is nothing.
        var bytes = Original.Concat(new byte[] { 14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 11u);

        Assert.Contains("section 14 is not part of a Groth16 .zkey", ReadBroken(bytes, "extra.zkey").Message);

        var partial = Original.Concat(new byte[] { 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).ToArray();
        BitConverter.TryWriteBytes(partial.AsSpan(8), 11u);
        Assert.Contains("partly present", ReadBroken(partial, "partial.zkey").Message);
    }

    [Fact]
    public void Read_rejects_wrong_magic_wrong_version_and_truncation()
    {
        var magic = Copy();
        magic[0] = (byte)'Z';
        var version = Copy();
        version[4] = 2;

        Assert.Contains("not a .zkey file", ReadBroken(magic, "magic.zkey").Message);
        Assert.Contains("unsupported .zkey version 2, expected 1", ReadBroken(version, "version.zkey").Message);
        foreach (var length in new[] { 0, 10, 14, 30, Original.Length / 2, Original.Length - 1 })
            Assert.Contains("truncated", ReadBroken(Original[..length], "cut.zkey").Message);
    }

    static byte[] Copy() => (byte[])Original.Clone();

    static InvalidDataException ReadBroken(byte[] bytes, string name)
    {
        using var directory = new TempDirectory();
        var path = directory.Write(name, bytes);
        var error = Assert.Throws<InvalidDataException>(() => ZKeyReader.Read(path));
        Assert.StartsWith(path + ": ", error.Message);
        return error;
    }

    /// <summary>A point on the twist whose order is not r: the twist's cofactor is huge, so the first point found is one.</summary>
    static G2Affine TwistPointOutsideSubgroup()
    {
        for (ulong k = 1; ; k++)
        {
            var x = new Fp2(Fp.FromUInt64(k), Fp.One);
            if (!(x.Square() * x + G2.B).TrySqrt(out var y))
                continue;
            var point = new G2Affine(x, y);
            Assert.True(point.IsOnCurve(G2.B));
            if (!G2.InSubgroup(point))
                return point;
        }
    }

    static void WriteG2(Span<byte> destination, in G2Affine p)
    {
        p.X.C0.WriteLittleEndian(destination, montgomery: true);
        p.X.C1.WriteLittleEndian(destination[32..], montgomery: true);
        p.Y.C0.WriteLittleEndian(destination[64..], montgomery: true);
        p.Y.C1.WriteLittleEndian(destination[96..], montgomery: true);
    }
}
