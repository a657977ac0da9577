using System.Runtime.InteropServices;

namespace ZkPot.Crypto;

/// <summary>
/// The additions of radix-2 butterflies, eight at a time on AVX-512 lanes: sum = a + b and difference = a - b for
/// Jacobian points. A lane whose formula meets an exceptional case (a = +-b, or a point at infinity) ends with Z = 0 and
/// is recomputed one point at a time, so every result is exact.
/// </summary>
public static class Butterflies
{
    /// <summary>sums[i] = a[i] + b[i] and differences[i] = a[i] - b[i] for every i.</summary>
    public static void AddSub<F>(ReadOnlySpan<JacobianPoint<F>> a, ReadOnlySpan<JacobianPoint<F>> b, Span<JacobianPoint<F>> sums,
        Span<JacobianPoint<F>> differences) where F : struct, IField<F>
    {
        if (b.Length != a.Length || sums.Length != a.Length || differences.Length != a.Length)
            throw new ArgumentException("every span of a butterfly batch has the same length");
        var i = 0;
        if (FieldLanes<PModulus>.IsFast && (typeof(F) == typeof(Fp) || typeof(F) == typeof(Fp2)))
        {
            for (; i + 8 <= a.Length; i += 8)
            {
                if (typeof(F) == typeof(Fp))
                {
                    LaneButterfly<FieldLanes<PModulus>, Fp>.Apply(Cast<F, Fp>(a.Slice(i, 8)), Cast<F, Fp>(b.Slice(i, 8)),
                        Cast<F, Fp>(sums.Slice(i, 8)), Cast<F, Fp>(differences.Slice(i, 8)));
                }
                else
                {
                    LaneButterfly<Fp2Lanes, Fp2>.Apply(Cast<F, Fp2>(a.Slice(i, 8)), Cast<F, Fp2>(b.Slice(i, 8)),
                        Cast<F, Fp2>(sums.Slice(i, 8)), Cast<F, Fp2>(differences.Slice(i, 8)));
                }
            }
        }
        for (; i < a.Length; i++)
        {
            var (x, y) = (a[i], b[i]);
            sums[i] = x.Add(y);
            differences[i] = x.Add(y.Negate());
        }
    }

    static ReadOnlySpan<JacobianPoint<TTo>> Cast<TFrom, TTo>(ReadOnlySpan<JacobianPoint<TFrom>> span)
        where TFrom : struct, IField<TFrom> where TTo : struct, IField<TTo> =>
        MemoryMarshal.Cast<JacobianPoint<TFrom>, JacobianPoint<TTo>>(span);

    static Span<JacobianPoint<TTo>> Cast<TFrom, TTo>(Span<JacobianPoint<TFrom>> span)
        where TFrom : struct, IField<TFrom> where TTo : struct, IField<TTo> =>
        MemoryMarshal.Cast<JacobianPoint<TFrom>, JacobianPoint<TTo>>(span);
}

/// <summary>Eight butterflies' additions on lanes (see <see cref="Butterflies"/>).</summary>
internal static unsafe class LaneButterfly<T, F> where T : unmanaged, ILanes<T> where F : unmanaged, IField<F>
{
    public static void Apply(ReadOnlySpan<JacobianPoint<F>> a, ReadOnlySpan<JacobianPoint<F>> b, Span<JacobianPoint<F>> sums,
        Span<JacobianPoint<F>> differences)
    {
        fixed (JacobianPoint<F>* pa = a)
        fixed (JacobianPoint<F>* pb = b)
        {
            Load(pa, out var ax, out var ay, out var az);
            Load(pb, out var bx, out var by, out var bz);
            T sx = ax, sy = ay, sz = az;
            JacobianLanes<T>.AddFull(ref sx, ref sy, ref sz, bx, by, bz);
            var negativeY = T.Reduce(T.Sub(default, by, T.Offset32));
            JacobianLanes<T>.AddFull(ref ax, ref ay, ref az, bx, negativeY, bz);
            var output = stackalloc JacobianPoint<F>[16];
            Store(sx, sy, sz, output);
            Store(ax, ay, az, output + 8);
            for (var l = 0; l < 8; l++)
            {
                if (output[l].Z.IsZero || output[8 + l].Z.IsZero)
                {
                    sums[l] = a[l].Add(b[l]);
                    differences[l] = a[l].Add(b[l].Negate());
                }
                else
                {
                    sums[l] = output[l];
                    differences[l] = output[8 + l];
                }
            }
        }
    }

    static void Load(JacobianPoint<F>* p, out T x, out T y, out T z)
    {
        x = T.Reduce(T.Load((ulong*)&p[0].X, (ulong*)&p[1].X, (ulong*)&p[2].X, (ulong*)&p[3].X, (ulong*)&p[4].X, (ulong*)&p[5].X, (ulong*)&p[6].X, (ulong*)&p[7].X));
        y = T.Reduce(T.Load((ulong*)&p[0].Y, (ulong*)&p[1].Y, (ulong*)&p[2].Y, (ulong*)&p[3].Y, (ulong*)&p[4].Y, (ulong*)&p[5].Y, (ulong*)&p[6].Y, (ulong*)&p[7].Y));
        z = T.Reduce(T.Load((ulong*)&p[0].Z, (ulong*)&p[1].Z, (ulong*)&p[2].Z, (ulong*)&p[3].Z, (ulong*)&p[4].Z, (ulong*)&p[5].Z, (ulong*)&p[6].Z, (ulong*)&p[7].Z));
    }

    static void Store(in T x, in T y, in T z, JacobianPoint<F>* points)
    {
        var f = (F*)points;
        x.Store((ulong*)f, (ulong*)(f + 3), (ulong*)(f + 6), (ulong*)(f + 9), (ulong*)(f + 12), (ulong*)(f + 15), (ulong*)(f + 18), (ulong*)(f + 21));
        f += 1;
        y.Store((ulong*)f, (ulong*)(f + 3), (ulong*)(f + 6), (ulong*)(f + 9), (ulong*)(f + 12), (ulong*)(f + 15), (ulong*)(f + 18), (ulong*)(f + 21));
        f += 1;
        z.Store((ulong*)f, (ulong*)(f + 3), (ulong*)(f + 6), (ulong*)(f + 9), (ulong*)(f + 12), (ulong*)(f + 15), (ulong*)(f + 18), (ulong*)(f + 21));
    }
}
