using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>
/// Eight scalar multiplications at once on AVX-512 lanes (<see cref="ILanes{T}"/>): lane l computes [k_l] P_l. Every
/// lane runs the same schedule, so nothing branches on a lane's scalar: each GLV half (<see cref="Glv"/>) is made odd
/// (k + 1, or k + 2 when k is already odd, corrected by one addition of -P or -2P at the end) and recoded into 33
/// signed odd digits of 4 bits (Joye and Tunstall's regular recoding: every digit odd, none zero), so each window is
/// four doublings and one addition of an entry each lane gathers from its own table of +-P, +-3P, ..., +-15P, +-2P
/// (affine, one inversion per eight tables) and from the images of those under phi.
/// </summary>
/// <remarks>
/// Bounds (in m, per base coordinate; <see cref="FieldLanes{M}"/>): the accumulator's coordinates are reduced below
/// 3m after every operation; gathered table coordinates are below 32m; every sum fed to a product stays below 70m, so
/// a product is below 31m (Fp: below 16m, and below 2m for operands below 13m); Fp2's products carry a 32m offset and
/// are reduced before use (<see cref="ILanes{T}.ReduceProduct"/>). Nothing approaches 2^261 (about 169m). An addition whose operands are equal or opposite (which needs the doubling formula) makes Z
/// zero for good; such a lane, a point at infinity or a zero scalar is recomputed by <see cref="GlvMultiplier"/>.
/// </remarks>
[SkipLocalsInit]
internal static unsafe class LaneMultiplier<T, F> where T : unmanaged, ILanes<T> where F : unmanaged, IField<F>
{
    const int Window = 4;
    const int Digits = 33;
    const int Entries = 18;  // 0..7: (2e+1)P, 8..15: -(2(e-8)+1)P, 16: -2P, 17: +2P
    const int MinusTwo = 16, MinusOne = 8;

    [ThreadStatic] static F[]? _tables;

    /// <summary>results[l] = [scalars[l]] points[l] for l &lt; 8; points must be in the order-r subgroup.</summary>
    public static void Multiply(ReadOnlySpan<JacobianPoint<F>> points, ReadOnlySpan<Fr> scalars, Span<JacobianPoint<F>> results)
    {
        // Per lane: X and Y of each entry for P and for phi(P), then the X of phi's entries (Y is shared).
        var tables = _tables ??= GC.AllocateArray<F>(8 * Entries * 3, pinned: true);
        var digits = stackalloc byte[8 * 2 * Digits];
        var corrections = stackalloc byte[16];
        var fallback = stackalloc bool[8];
        var laneCount = Math.Min(8, points.Length);
        for (var l = 0; l < 8; l++)
        {
            var lane = Math.Min(l, laneCount - 1);
            fallback[l] = l >= laneCount || points[lane].IsInfinity || scalars[lane].IsZero;
            Recode(fallback[l] ? Fr.One : scalars[lane], digits + l * 2 * Digits, corrections + 2 * l);
        }

        fixed (JacobianPoint<F>* source = points)
        fixed (F* table = tables)
        {
            LoadTables(source, laneCount, table);

            // The top digits start the accumulator (affine, Z = 1), the rest follow window by window.
            Gather(table, digits, 0, Digits - 1, out var ax, out var ay);
            var az = T.One;
            Gather(table, digits, 1, Digits - 1, out var gx, out var gy);
            JacobianLanes<T>.AddMixed(ref ax, ref ay, ref az, gx, gy);
            for (var i = Digits - 2; i >= 0; i--)
            {
                for (var d = 0; d < Window; d++)
                    JacobianLanes<T>.Double(ref ax, ref ay, ref az);
                Gather(table, digits, 0, i, out gx, out gy);
                JacobianLanes<T>.AddMixed(ref ax, ref ay, ref az, gx, gy);
                Gather(table, digits, 1, i, out gx, out gy);
                JacobianLanes<T>.AddMixed(ref ax, ref ay, ref az, gx, gy);
            }
            GatherEntry(table, corrections, 0, out gx, out gy);
            JacobianLanes<T>.AddMixed(ref ax, ref ay, ref az, gx, gy);
            GatherEntry(table, corrections, 1, out gx, out gy);
            JacobianLanes<T>.AddMixed(ref ax, ref ay, ref az, gx, gy);

            var output = stackalloc JacobianPoint<F>[8];
            Store(ax, output, 0);
            Store(ay, output, 1);
            Store(az, output, 2);
            for (var l = 0; l < laneCount; l++)
            {
                results[l] = fallback[l] || output[l].Z.IsZero
                    ? GlvMultiplier.Multiply(points[l], scalars[l])
                    : output[l];
            }
        }
    }

    /// <summary>
    /// results[l] = [k] points[l] for l &lt; 8, one scalar for every lane (an NTT twiddle shared by eight butterflies): the
    /// lanes follow k's width-5 NAF digits (<see cref="GlvDigits"/>), skipping the zero ones, so about 42 additions
    /// instead of the regular schedule's 68; the tables are the same.
    /// </summary>
    public static void MultiplySame(ReadOnlySpan<JacobianPoint<F>> points, GlvDigits k, Span<JacobianPoint<F>> results)
    {
        var tables = _tables ??= GC.AllocateArray<F>(8 * Entries * 3, pinned: true);
        var fallback = stackalloc bool[8];
        var laneCount = Math.Min(8, points.Length);
        var shape = k.Shape;
        var zero = shape.Length1 == 0 && shape.Length2 == 0;
        for (var l = 0; l < 8; l++)
            fallback[l] = zero || l >= laneCount || points[Math.Min(l, laneCount - 1)].IsInfinity;

        fixed (JacobianPoint<F>* source = points)
        fixed (F* table = tables)
        {
            LoadTables(source, laneCount, table);

            T ax = default, ay = default, az = default;
            var started = false;
            for (var i = Math.Max(shape.Length1, shape.Length2) - 1; i >= 0; i--)
            {
                if (started)
                    JacobianLanes<T>.Double(ref ax, ref ay, ref az);
                for (var half = 0; half < 2; half++)
                {
                    var digits = half == 0 ? k.Naf1 : k.Naf2;
                    var length = half == 0 ? shape.Length1 : shape.Length2;
                    var negative = half == 0 ? shape.Negative1 : shape.Negative2;
                    if (i >= length || digits[i] == 0)
                        continue;
                    var entry = Index(digits[i]);
                    if (negative)
                        entry ^= 8;
                    GatherUniform(table, entry, half, out var gx, out var gy);
                    if (started)
                    {
                        JacobianLanes<T>.AddMixed(ref ax, ref ay, ref az, gx, gy);
                    }
                    else
                    {
                        (ax, ay, az, started) = (gx, gy, T.One, true);
                    }
                }
            }

            var output = stackalloc JacobianPoint<F>[8];
            Store(ax, output, 0);
            Store(ay, output, 1);
            Store(az, output, 2);
            for (var l = 0; l < laneCount; l++)
            {
                results[l] = fallback[l] || output[l].Z.IsZero
                    ? GlvMultiplier.Multiply(points[l], k)
                    : output[l];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void GatherUniform(F* table, int entry, int half, out T x, out T y)
    {
        var at = stackalloc byte[8];
        for (var l = 0; l < 8; l++)
            at[l] = (byte)entry;
        GatherAt(table, at, half, out x, out y);
    }

    /// <summary>Both GLV halves as 33 odd 4-bit digits each (table indices, sign folded in) and their corrections.</summary>
    static void Recode(in Fr k, byte* digits, byte* corrections)
    {
        Glv.Split(k, out var k1, out var negative1, out var k2, out var negative2);
        RecodeHalf(k1, negative1, digits, out corrections[0]);
        RecodeHalf(k2, negative2, digits + Digits, out corrections[1]);
    }

    static void RecodeHalf(UInt128 k, bool negative, byte* digits, out byte correction)
    {
        // k' = k + 1 (k even: correct by -P) or k + 2 (k odd: correct by -2P); odd either way.
        var odd = ((ulong)k & 1) != 0;
        k += odd ? 2u : 1u;
        correction = odd ? (byte)MinusTwo : (byte)MinusOne;
        for (var i = 0; i < Digits - 1; i++)
        {
            var d = (int)((ulong)k & ((1 << (Window + 1)) - 1)) - (1 << Window);
            k = d >= 0 ? (k - (uint)d) >> Window : (k + (uint)(-d)) >> Window;
            digits[i] = Index(d);
        }
        digits[Digits - 1] = Index((int)(ulong)k);
        if (negative)
        {
            for (var i = 0; i < Digits; i++)
                digits[i] ^= 8;
            correction ^= 8;
            // -P becomes +P (entry 0); -2P becomes +2P (entry 17).
            if (correction == (MinusTwo ^ 8))
                correction = 17;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static byte Index(int digit) => digit > 0 ? (byte)((digit - 1) >> 1) : (byte)(8 + ((-digit - 1) >> 1));

    /// <summary>
    /// Loads the eight lanes' points (lanes past the end, or to be recomputed, run on a copy of the last valid lane and
    /// are discarded) and builds their tables.
    /// </summary>
    static void LoadTables(JacobianPoint<F>* source, int laneCount, F* table)
    {
        var p = stackalloc JacobianPoint<F>*[8];
        for (var l = 0; l < 8; l++)
            p[l] = source + Math.Min(l, laneCount - 1);
        var x = T.Load((ulong*)&p[0]->X, (ulong*)&p[1]->X, (ulong*)&p[2]->X, (ulong*)&p[3]->X, (ulong*)&p[4]->X, (ulong*)&p[5]->X, (ulong*)&p[6]->X, (ulong*)&p[7]->X);
        var y = T.Load((ulong*)&p[0]->Y, (ulong*)&p[1]->Y, (ulong*)&p[2]->Y, (ulong*)&p[3]->Y, (ulong*)&p[4]->Y, (ulong*)&p[5]->Y, (ulong*)&p[6]->Y, (ulong*)&p[7]->Y);
        var z = T.Load((ulong*)&p[0]->Z, (ulong*)&p[1]->Z, (ulong*)&p[2]->Z, (ulong*)&p[3]->Z, (ulong*)&p[4]->Z, (ulong*)&p[5]->Z, (ulong*)&p[6]->Z, (ulong*)&p[7]->Z);
        BuildTables(T.Reduce(x), T.Reduce(y), T.Reduce(z), table);
    }

    /// <summary>
    /// Writes each lane's table: odd multiples P..15P (Jacobian), made affine with one shared inversion, with their
    /// negatives, -2P and 2P; and the x-coordinates of phi of each (beta x).
    /// </summary>
    static void BuildTables(in T x, in T y, in T z, F* table)
    {
        var jx = stackalloc T[9];
        var jy = stackalloc T[9];
        var jz = stackalloc T[9];
        jx[0] = x; jy[0] = y; jz[0] = z;
        // 2P in slot 8.
        T dx = x, dy = y, dz = z;
        JacobianLanes<T>.Double(ref dx, ref dy, ref dz);
        jx[8] = dx; jy[8] = dy; jz[8] = dz;
        for (var e = 1; e < 8; e++)
        {
            T sx = jx[e - 1], sy = jy[e - 1], sz = jz[e - 1];
            JacobianLanes<T>.AddFull(ref sx, ref sy, ref sz, dx, dy, dz);
            jx[e] = sx; jy[e] = sy; jz[e] = sz;
        }

        // Montgomery's trick along each lane's nine Z: prefix products, one inversion of the eight totals.
        var prefix = stackalloc T[9];
        var running = jz[0];
        prefix[0] = running;
        for (var e = 1; e < 9; e++)
        {
            running = T.Reduce(T.Mul(running, jz[e]));
            prefix[e] = running;
        }
        var inverse = InvertLanes(running);
        var beta = BetaLanes();
        for (var e = 8; e >= 0; e--)
        {
            var zInverse = e > 0 ? T.Reduce(T.Mul(inverse, prefix[e - 1])) : inverse;
            if (e > 0)
                inverse = T.Reduce(T.Mul(inverse, jz[e]));
            var z2 = T.Reduce(T.Square(zInverse));
            var ax = T.Reduce(T.Mul(jx[e], z2));
            var ay = T.Reduce(T.Mul(T.Reduce(T.Mul(jy[e], z2)), zInverse));
            var negative = T.Sub(default, ay, T.Offset32);
            var phiX = T.Mul(ax, beta);
            if (e < 8)
            {
                StoreEntry(table, e, ax, ay, phiX);
                StoreEntry(table, e + 8, ax, negative, phiX);
            }
            else
            {
                StoreEntry(table, MinusTwo, ax, negative, phiX);
                StoreEntry(table, 17, ax, ay, phiX);
            }
        }
    }

    /// <summary>Entry e of every lane: X, Y, then phi's X at offset 2 * Entries; lane l's entries start at l * 3 * Entries.</summary>
    static void StoreEntry(F* table, int e, in T x, in T y, in T phiX)
    {
        const int stride = 3 * Entries;
        x.Store((ulong*)(table + e), (ulong*)(table + stride + e), (ulong*)(table + 2 * stride + e), (ulong*)(table + 3 * stride + e),
            (ulong*)(table + 4 * stride + e), (ulong*)(table + 5 * stride + e), (ulong*)(table + 6 * stride + e), (ulong*)(table + 7 * stride + e));
        var yAt = table + Entries;
        y.Store((ulong*)(yAt + e), (ulong*)(yAt + stride + e), (ulong*)(yAt + 2 * stride + e), (ulong*)(yAt + 3 * stride + e),
            (ulong*)(yAt + 4 * stride + e), (ulong*)(yAt + 5 * stride + e), (ulong*)(yAt + 6 * stride + e), (ulong*)(yAt + 7 * stride + e));
        var phiAt = table + 2 * Entries;
        phiX.Store((ulong*)(phiAt + e), (ulong*)(phiAt + stride + e), (ulong*)(phiAt + 2 * stride + e), (ulong*)(phiAt + 3 * stride + e),
            (ulong*)(phiAt + 4 * stride + e), (ulong*)(phiAt + 5 * stride + e), (ulong*)(phiAt + 6 * stride + e), (ulong*)(phiAt + 7 * stride + e));
    }

    /// <summary>Each lane's entry for digit <paramref name="position"/> of half <paramref name="half"/> (0: P's table, 1: phi's).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Gather(F* table, byte* digits, int half, int position, out T x, out T y)
    {
        var at = stackalloc byte[8];
        for (var l = 0; l < 8; l++)
            at[l] = digits[l * 2 * Digits + half * Digits + position];
        GatherAt(table, at, half, out x, out y);
    }

    static void GatherEntry(F* table, byte* corrections, int half, out T x, out T y)
    {
        var at = stackalloc byte[8];
        for (var l = 0; l < 8; l++)
            at[l] = corrections[2 * l + half];
        GatherAt(table, at, half, out x, out y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void GatherAt(F* table, byte* at, int half, out T x, out T y)
    {
        const int stride = 3 * Entries;
        var xAt = table + (half == 0 ? 0 : 2 * Entries);
        var yAt = table + Entries;
        x = T.Load((ulong*)(xAt + at[0]), (ulong*)(xAt + stride + at[1]), (ulong*)(xAt + 2 * stride + at[2]), (ulong*)(xAt + 3 * stride + at[3]),
            (ulong*)(xAt + 4 * stride + at[4]), (ulong*)(xAt + 5 * stride + at[5]), (ulong*)(xAt + 6 * stride + at[6]), (ulong*)(xAt + 7 * stride + at[7]));
        y = T.Load((ulong*)(yAt + at[0]), (ulong*)(yAt + stride + at[1]), (ulong*)(yAt + 2 * stride + at[2]), (ulong*)(yAt + 3 * stride + at[3]),
            (ulong*)(yAt + 4 * stride + at[4]), (ulong*)(yAt + 5 * stride + at[5]), (ulong*)(yAt + 6 * stride + at[6]), (ulong*)(yAt + 7 * stride + at[7]));
    }

    /// <summary>1/x in every lane (zero stays zero), with one variable-time inversion: the values are public coordinates.</summary>
    static T InvertLanes(in T x)
    {
        var values = stackalloc F[8];
        Store(x, values);
        var prefix = stackalloc F[8];
        var running = F.One;
        for (var l = 0; l < 8; l++)
        {
            prefix[l] = running;
            if (!values[l].IsZero)
                running *= values[l];
        }
        var inverse = InverseVartime(running);
        for (var l = 7; l >= 0; l--)
        {
            if (values[l].IsZero)
                continue;
            var v = values[l];
            values[l] = inverse * prefix[l];
            inverse *= v;
        }
        var w = (ulong*)values;
        var e = T.Words;
        return T.Load(w, w + e, w + 2 * e, w + 3 * e, w + 4 * e, w + 5 * e, w + 6 * e, w + 7 * e);
    }

    static F InverseVartime(in F value)
    {
        if (typeof(F) == typeof(Fp))
        {
            var v = Unsafe.As<F, Fp>(ref Unsafe.AsRef(in value)).InverseVartime();
            return Unsafe.As<Fp, F>(ref v);
        }
        if (typeof(F) == typeof(Fp2))
        {
            var v = Unsafe.As<F, Fp2>(ref Unsafe.AsRef(in value)).Inverse(vartime: true);
            return Unsafe.As<Fp2, F>(ref v);
        }
        return value.Inverse();
    }

    static T BetaLanes()
    {
        var beta = stackalloc F[1];
        if (typeof(F) == typeof(Fp))
            *(Fp*)beta = Glv.BetaG1;
        else
            *(Fp2*)beta = new Fp2(Glv.BetaG2, Fp.Zero);
        var w = (ulong*)beta;
        return T.Load(w, w, w, w, w, w, w, w);
    }

    static void Store(in T value, F* destination)
    {
        var w = (ulong*)destination;
        var e = T.Words;
        value.Store(w, w + e, w + 2 * e, w + 3 * e, w + 4 * e, w + 5 * e, w + 6 * e, w + 7 * e);
    }

    /// <summary>Coordinate <paramref name="coordinate"/> (0 X, 1 Y, 2 Z) of eight Jacobian points.</summary>
    static void Store(in T value, JacobianPoint<F>* points, int coordinate)
    {
        var f = (F*)points + coordinate;
        const int stride = 3;
        value.Store((ulong*)f, (ulong*)(f + stride), (ulong*)(f + 2 * stride), (ulong*)(f + 3 * stride), (ulong*)(f + 4 * stride),
            (ulong*)(f + 5 * stride), (ulong*)(f + 6 * stride), (ulong*)(f + 7 * stride));
    }
}
