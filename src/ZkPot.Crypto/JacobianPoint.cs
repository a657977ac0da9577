using System.Numerics;
using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>
/// A point on y^2 = x^3 + b in Jacobian coordinates (x = X/Z^2, y = Y/Z^3); Z = 0 is the point at infinity.
/// The formulas (EFD dbl-2009-l, add-2007-bl, madd-2007-bl) hold for any a = 0 curve, so G1 and G2 share them.
/// </summary>
public readonly struct JacobianPoint<F> where F : struct, IField<F>
{
    public readonly F X, Y, Z;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public JacobianPoint(in F x, in F y, in F z) { X = x; Y = y; Z = z; }

    public static JacobianPoint<F> Infinity => new(F.One, F.One, F.Zero);
    public bool IsInfinity => Z.IsZero;

    public JacobianPoint<F> Negate() => new(X, -Y, Z);

    public JacobianPoint<F> Double()
    {
        if (IsInfinity) return this;
        var a = X.Square();
        var b = Y.Square();
        var c = b.Square();
        var d = ((X + b).Square() - a - c).Double();
        var e = a.Double() + a;
        var f = e.Square();
        var x3 = f - d.Double();
        var y3 = e * (d - x3) - c.Double().Double().Double();
        var z3 = (Y * Z).Double();
        return new(x3, y3, z3);
    }

    public JacobianPoint<F> Add(in JacobianPoint<F> q)
    {
        if (IsInfinity) return q;
        if (q.IsInfinity) return this;
        var z1z1 = Z.Square();
        var z2z2 = q.Z.Square();
        var u1 = X * z2z2;
        var u2 = q.X * z1z1;
        var s1 = Y * q.Z * z2z2;
        var s2 = q.Y * Z * z1z1;
        var h = u2 - u1;
        var r = (s2 - s1).Double();
        if (h.IsZero) return r.IsZero ? Double() : Infinity;
        var i = h.Double().Square();
        var j = h * i;
        var v = u1 * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = r * (v - x3) - (s1 * j).Double();
        var z3 = ((Z + q.Z).Square() - z1z1 - z2z2) * h;
        return new(x3, y3, z3);
    }

    /// <summary>Adds an affine point (Z2 = 1), saving several multiplications.</summary>
    public JacobianPoint<F> AddMixed(in AffinePoint<F> q)
    {
        if (q.IsInfinity) return this;
        if (IsInfinity) return q.ToJacobian();
        var z1z1 = Z.Square();
        var u2 = q.X * z1z1;
        var s2 = q.Y * Z * z1z1;
        var h = u2 - X;
        var r = (s2 - Y).Double();
        if (h.IsZero) return r.IsZero ? Double() : Infinity;
        var hh = h.Square();
        var i = hh.Double().Double();
        var j = h * i;
        var v = X * i;
        var x3 = r.Square() - j - v.Double();
        var y3 = r * (v - x3) - (Y * j).Double();
        var z3 = (Z + h).Square() - z1z1 - hh;
        return new(x3, y3, z3);
    }

    /// <summary>[k]P for a non-negative scalar given as little-endian 64-bit words (any length, need not be reduced).</summary>
    public JacobianPoint<F> Multiply(ReadOnlySpan<ulong> k)
    {
        // Fixed 4-bit window: 16 precomputed multiples, one addition per nibble.
        Span<JacobianPoint<F>> table = new JacobianPoint<F>[16];
        table[0] = Infinity;
        table[1] = this;
        for (int i = 2; i < 16; i++) table[i] = (i % 2 == 0) ? table[i / 2].Double() : table[i - 1].Add(this);
        var acc = Infinity;
        bool started = false;
        for (int w = k.Length - 1; w >= 0; w--)
            for (int nib = 15; nib >= 0; nib--)
            {
                int d = (int)((k[w] >> (4 * nib)) & 0xF);
                if (started) acc = acc.Double().Double().Double().Double();
                if (d != 0) { acc = acc.Add(table[d]); started = true; }
            }
        return acc;
    }

    /// <summary>[k]Q for an affine Q and k in non-adjacent form (digits -1, 0, 1, least significant first; a fixed public scalar), with mixed additions.</summary>
    public static JacobianPoint<F> MultiplyNaf(in AffinePoint<F> q, ReadOnlySpan<sbyte> naf)
    {
        var neg = q.Negate();
        var acc = Infinity;
        for (int i = naf.Length - 1; i >= 0; i--)
        {
            acc = acc.Double();
            if (naf[i] == 1) acc = acc.AddMixed(q);
            else if (naf[i] == -1) acc = acc.AddMixed(neg);
        }
        return acc;
    }

    public JacobianPoint<F> Multiply(BigInteger k)
    {
        if (k.Sign < 0) return Negate().Multiply(-k);
        var words = new ulong[Math.Max(1, (int)((k.GetBitLength() + 63) / 64))];
        for (int i = 0; i < words.Length; i++) { words[i] = (ulong)(k & ulong.MaxValue); k >>= 64; }
        return Multiply(words);
    }

    public JacobianPoint<F> Multiply(in Fr k)
    {
        k.ToCanonical(out var l0, out var l1, out var l2, out var l3);
        return Multiply([l0, l1, l2, l3]);
    }

    public AffinePoint<F> ToAffine()
    {
        if (IsInfinity) return AffinePoint<F>.Infinity;
        var zi = Z.Inverse();
        var zi2 = zi.Square();
        return new AffinePoint<F>(X * zi2, Y * zi2 * zi);
    }

    /// <summary>Converts many points with one field inversion (Montgomery's trick).</summary>
    public static AffinePoint<F>[] ToAffine(ReadOnlySpan<JacobianPoint<F>> points)
    {
        var result = new AffinePoint<F>[points.Length];
        var prefix = new F[points.Length];
        var acc = F.One;
        for (int i = 0; i < points.Length; i++)
        {
            prefix[i] = acc;
            if (!points[i].IsInfinity) acc *= points[i].Z;
        }
        var inv = acc.Inverse();
        for (int i = points.Length - 1; i >= 0; i--)
        {
            if (points[i].IsInfinity) { result[i] = AffinePoint<F>.Infinity; continue; }
            var zi = inv * prefix[i];
            inv *= points[i].Z;
            var zi2 = zi.Square();
            result[i] = new AffinePoint<F>(points[i].X * zi2, points[i].Y * zi2 * zi);
        }
        return result;
    }

    /// <summary>Equality of the points represented (not of the coordinates).</summary>
    public bool IsSamePoint(in JacobianPoint<F> q)
    {
        if (IsInfinity || q.IsInfinity) return IsInfinity && q.IsInfinity;
        var z1z1 = Z.Square();
        var z2z2 = q.Z.Square();
        return (X * z2z2).Equals(q.X * z1z1) && (Y * q.Z * z2z2).Equals(q.Y * Z * z1z1);
    }

    public override string ToString() => ToAffine().ToString();
}
