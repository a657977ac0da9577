using ZkPot.Crypto;

namespace ZkPot.Snark.Formats;

/// <summary>
/// Affine points as snarkjs stores them in a .zkey: x then y, each coordinate 32 bytes little-endian in Montgomery
/// form, G2 coordinates as c0 then c1. The point at infinity is all zero bytes, which no curve point can be (y^2 = 3
/// or y^2 = 3/(9+u) has no solution with x = y = 0).
/// </summary>
internal static class PointCodec
{
    public const int G1Size = 2 * FieldCodec.Size;
    public const int G2Size = 4 * FieldCodec.Size;

    public const string OffG1 = "not on the curve y^2 = x^3 + 3";
    public const string OffG2 = "not on the twist curve y^2 = x^3 + 3/(9+u)";

    /// <summary>Decodes and checks a G1 point; returns why it is invalid, or null when it is a point of G1.</summary>
    public static string? TryReadG1(ReadOnlySpan<byte> b, out G1Affine point)
    {
        var why = TryDecodeG1(b, out point);
        // G1 has cofactor 1, so a point on the curve is in the order-r group.
        return why ?? (G1.IsValid(point) ? null : OffG1);
    }

    /// <summary>
    /// Decodes a G1 point with canonical coordinates, without the curve check: for readers that check many points at
    /// once (<see cref="G1.FirstOffCurve"/>).
    /// </summary>
    public static string? TryDecodeG1(ReadOnlySpan<byte> b, out G1Affine point)
    {
        point = G1Affine.Infinity;
        b = b[..G1Size];
        if (!b.ContainsAnyExcept((byte)0))
            return null;
        if (!FieldCodec.TryReadFpMontgomery(b, out var x))
            return "x is not below p";
        if (!FieldCodec.TryReadFpMontgomery(b[FieldCodec.Size..], out var y))
            return "y is not below p";
        point = new G1Affine(x, y);
        return null;
    }

    /// <summary>
    /// Decodes a G2 point and checks it lies on the twist; returns why it is invalid, or null. Subgroup membership is
    /// a separate, far costlier check (<see cref="G2.InSubgroup"/>) that callers apply where soundness needs it.
    /// </summary>
    public static string? TryReadG2(ReadOnlySpan<byte> b, out G2Affine point)
    {
        var why = TryDecodeG2(b, out point);
        return why ?? (point.IsOnCurve(G2.B) ? null : OffG2);
    }

    /// <summary>Decodes a G2 point with canonical coordinates, without the curve check (see <see cref="TryDecodeG1"/>).</summary>
    public static string? TryDecodeG2(ReadOnlySpan<byte> b, out G2Affine point)
    {
        point = G2Affine.Infinity;
        b = b[..G2Size];
        if (!b.ContainsAnyExcept((byte)0))
            return null;
        const int n = FieldCodec.Size;
        if (!FieldCodec.TryReadFpMontgomery(b, out var x0)) return "x.c0 is not below p";
        if (!FieldCodec.TryReadFpMontgomery(b[n..], out var x1)) return "x.c1 is not below p";
        if (!FieldCodec.TryReadFpMontgomery(b[(2 * n)..], out var y0)) return "y.c0 is not below p";
        if (!FieldCodec.TryReadFpMontgomery(b[(3 * n)..], out var y1)) return "y.c1 is not below p";
        point = new G2Affine(new Fp2(x0, x1), new Fp2(y0, y1));
        return null;
    }

    public static void WriteG1(Span<byte> destination, in G1Affine point)
    {
        destination = destination[..G1Size];
        if (point.IsInfinity)
        {
            destination.Clear();
            return;
        }
        FieldCodec.WriteFpMontgomery(destination, point.X);
        FieldCodec.WriteFpMontgomery(destination[FieldCodec.Size..], point.Y);
    }

    public static void WriteG2(Span<byte> destination, in G2Affine point)
    {
        destination = destination[..G2Size];
        if (point.IsInfinity)
        {
            destination.Clear();
            return;
        }
        const int n = FieldCodec.Size;
        FieldCodec.WriteFpMontgomery(destination, point.X.C0);
        FieldCodec.WriteFpMontgomery(destination[n..], point.X.C1);
        FieldCodec.WriteFpMontgomery(destination[(2 * n)..], point.Y.C0);
        FieldCodec.WriteFpMontgomery(destination[(3 * n)..], point.Y.C1);
    }
}
