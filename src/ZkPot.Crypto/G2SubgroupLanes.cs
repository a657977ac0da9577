using System.Runtime.CompilerServices;
using Base = ZkPot.Crypto.FieldLanes<ZkPot.Crypto.PModulus>;

namespace ZkPot.Crypto;

/// <summary>
/// G2 subgroup membership (<see cref="G2.InSubgroup"/>: [u+1]Q + psi([u]Q) + psi^2([u]Q) = psi^3([2u]Q)) for eight
/// points at once on AVX-512 lanes: the points are arbitrary twist points, so [u]Q is plain double-and-add over u's
/// NAF (shared by every lane), with no endomorphism shortcut. A lane whose formulas hit an exceptional case (a point of
/// small order meets itself) ends with Z = 0 and is decided by the one-point test.
/// </summary>
[SkipLocalsInit]
internal static unsafe class G2SubgroupLanes
{
    /// <summary>The index of the first point outside the order-r subgroup (or at infinity when <paramref name="infinityIsOutside"/>), or -1.</summary>
    public static int FirstOutside(ReadOnlySpan<G2Affine> points, bool infinityIsOutside)
    {
        var first = int.MaxValue;
        const int chunk = 256;
        var copy = points.ToArray();
        Parallel.For(0, (copy.Length + chunk - 1) / chunk, c =>
        {
            var start = c * chunk;
            var end = Math.Min(copy.Length, start + chunk);
            var i = start;
            var inside = stackalloc bool[8];
            if (Base.IsFast)
            {
                for (; i + 8 <= end; i += 8)
                {
                    Check(copy.AsSpan(i, 8), inside);
                    for (var l = 0; l < 8; l++)
                    {
                        if (!inside[l] || (infinityIsOutside && copy[i + l].IsInfinity))
                        {
                            Lower(ref first, i + l);
                            break;
                        }
                    }
                }
            }
            for (; i < end; i++)
            {
                if ((infinityIsOutside && copy[i].IsInfinity) || !G2.InSubgroup(copy[i]))
                {
                    Lower(ref first, i);
                    break;
                }
            }
        });
        return first == int.MaxValue ? -1 : first;
    }

    static void Lower(ref int target, int value)
    {
        int seen;
        while (value < (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    /// <summary>inside[l] = points[l] is in G2 (the point at infinity is).</summary>
    static void Check(ReadOnlySpan<G2Affine> points, bool* inside)
    {
        fixed (G2Affine* p = points)
        {
            var qx = Fp2Lanes.Reduce(Fp2Lanes.Load((ulong*)&p[0].X, (ulong*)&p[1].X, (ulong*)&p[2].X, (ulong*)&p[3].X,
                (ulong*)&p[4].X, (ulong*)&p[5].X, (ulong*)&p[6].X, (ulong*)&p[7].X));
            var qy = Fp2Lanes.Reduce(Fp2Lanes.Load((ulong*)&p[0].Y, (ulong*)&p[1].Y, (ulong*)&p[2].Y, (ulong*)&p[3].Y,
                (ulong*)&p[4].Y, (ulong*)&p[5].Y, (ulong*)&p[6].Y, (ulong*)&p[7].Y));
            var negativeY = Fp2Lanes.Sub(default, qy, Fp2Lanes.Offset32);

            // [u]Q, from u's top NAF digit (1) down.
            var naf = G2.UNaf;
            Fp2Lanes ux = qx, uy = qy, uz = Fp2Lanes.One;
            for (var i = naf.Length - 2; i >= 0; i--)
            {
                JacobianLanes<Fp2Lanes>.Double(ref ux, ref uy, ref uz);
                if (naf[i] == 1)
                    JacobianLanes<Fp2Lanes>.AddMixed(ref ux, ref uy, ref uz, qx, qy);
                else if (naf[i] == -1)
                    JacobianLanes<Fp2Lanes>.AddMixed(ref ux, ref uy, ref uz, qx, negativeY);
            }

            // Left: [u]Q + Q + psi([u]Q) + psi^2([u]Q).
            Fp2Lanes lx = ux, ly = uy, lz = uz;
            JacobianLanes<Fp2Lanes>.AddMixed(ref lx, ref ly, ref lz, qx, qy);
            Fp2Lanes px = ux, py = uy, pz = uz;
            Psi(ref px, ref py, ref pz);
            JacobianLanes<Fp2Lanes>.AddFull(ref lx, ref ly, ref lz, px, py, pz);
            Psi(ref px, ref py, ref pz);
            JacobianLanes<Fp2Lanes>.AddFull(ref lx, ref ly, ref lz, px, py, pz);

            // Right: psi^3([2u]Q).
            Fp2Lanes rx = ux, ry = uy, rz = uz;
            JacobianLanes<Fp2Lanes>.Double(ref rx, ref ry, ref rz);
            Psi(ref rx, ref ry, ref rz);
            Psi(ref rx, ref ry, ref rz);
            Psi(ref rx, ref ry, ref rz);

            // Same point: X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3.
            var lz2 = JacobianLanes<Fp2Lanes>.SquareR(lz);
            var rz2 = JacobianLanes<Fp2Lanes>.SquareR(rz);
            var dx = Fp2Lanes.Sub(JacobianLanes<Fp2Lanes>.MulR(lx, rz2), JacobianLanes<Fp2Lanes>.MulR(rx, lz2), Fp2Lanes.Offset32);
            var dy = Fp2Lanes.Sub(JacobianLanes<Fp2Lanes>.MulR(ly, JacobianLanes<Fp2Lanes>.MulR(rz2, rz)),
                JacobianLanes<Fp2Lanes>.MulR(ry, JacobianLanes<Fp2Lanes>.MulR(lz2, lz)), Fp2Lanes.Offset32);
            var values = stackalloc Fp2[8 * 4];
            Store(dx, values);
            Store(dy, values + 8);
            Store(lz, values + 16);
            Store(rz, values + 24);
            for (var l = 0; l < 8; l++)
            {
                inside[l] = points[l].IsInfinity || values[16 + l].IsZero || values[24 + l].IsZero
                    ? G2.InSubgroup(points[l])
                    : values[l].IsZero && values[8 + l].IsZero;
            }
        }
    }

    /// <summary>psi on Jacobian coordinates: (conj(X) frobX, conj(Y) frobY, conj(Z)); inputs and outputs reduced.</summary>
    static void Psi(ref Fp2Lanes x, ref Fp2Lanes y, ref Fp2Lanes z)
    {
        x = JacobianLanes<Fp2Lanes>.MulR(Conjugate(x), FrobX);
        y = JacobianLanes<Fp2Lanes>.MulR(Conjugate(y), FrobY);
        z = Fp2Lanes.Reduce(Conjugate(z));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Fp2Lanes Conjugate(in Fp2Lanes v)
    {
        Fp2Lanes r;
        r.C0 = v.C0;
        r.C1 = Base.Sub(default, v.C1, Base.Offset32);
        return r;
    }

    static readonly Fp2 FrobXValue = G2.FrobX, FrobYValue = G2.FrobY;

    static Fp2Lanes FrobX => Broadcast(FrobXValue);
    static Fp2Lanes FrobY => Broadcast(FrobYValue);

    static Fp2Lanes Broadcast(Fp2 value)
    {
        var w = (ulong*)&value;
        return Fp2Lanes.Load(w, w, w, w, w, w, w, w);
    }

    static void Store(in Fp2Lanes value, Fp2* destination)
    {
        var w = (ulong*)destination;
        value.Store(w, w + 8, w + 16, w + 24, w + 32, w + 40, w + 48, w + 56);
    }
}
