using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZkPot.Crypto;

/// <summary>
/// [k]P on G1 or G2 by the GLV split (<see cref="Glv"/>): k = k1 + k2 lambda, [k]P = [k1]P + [k2]phi(P) with
/// phi(X, Y, Z) = (beta X, Y, Z), so 127 doublings instead of 254, and width-5 NAF digits of each half (odd digits in
/// (-16, 16), about one per six positions) read from a table of P, 3P, ..., 15P and its image under phi.
/// </summary>
/// <remarks>
/// P must lie in the order-r subgroup: phi is [lambda] only there (always so on G1; on G2 the caller checks). Variable
/// time: the digits decide the additions, so a secret scalar's digits leak through timing to a local observer, as
/// they do in every implementation this project interoperates with; ceremony contributions run on the contributor's
/// own machine.
/// </remarks>
public static class GlvMultiplier
{
    const int Width = 5;
    const int TableSize = 1 << (Width - 2);

    /// <summary>At most 128 bits per half, so at most 129 digits.</summary>
    public const int MaxDigits = Glv.HalfBits + 2;

    /// <summary>[k]P.</summary>
    public static JacobianPoint<F> Multiply<F>(in JacobianPoint<F> point, in Fr k) where F : struct, IField<F>
    {
        Span<sbyte> naf1 = stackalloc sbyte[MaxDigits];
        Span<sbyte> naf2 = stackalloc sbyte[MaxDigits];
        var digits = Recode(k, naf1, naf2);
        return Multiply(point, digits, naf1, naf2);
    }

    /// <summary>
    /// results[i] = [scalars[i]] points[i] for every i: eight at a time on AVX-512 lanes where the CPU has them
    /// (<see cref="LaneMultiplier{T, F}"/>, about three times the throughput), one at a time otherwise.
    /// </summary>
    public static void MultiplyMany<F>(ReadOnlySpan<JacobianPoint<F>> points, ReadOnlySpan<Fr> scalars, Span<JacobianPoint<F>> results)
        where F : struct, IField<F>
    {
        if (scalars.Length != points.Length || results.Length != points.Length)
            throw new ArgumentException($"{points.Length} points need as many scalars and results, got {scalars.Length} and {results.Length}");
        var i = 0;
        if (FieldLanes<PModulus>.IsFast && points.Length >= 8)
        {
            for (; i + 8 <= points.Length; i += 8)
            {
                if (typeof(F) == typeof(Fp))
                {
                    LaneMultiplier<FieldLanes<PModulus>, Fp>.Multiply(MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp>>(points.Slice(i, 8)),
                        scalars.Slice(i, 8), MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp>>(results.Slice(i, 8)));
                }
                else if (typeof(F) == typeof(Fp2))
                {
                    LaneMultiplier<Fp2Lanes, Fp2>.Multiply(MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp2>>(points.Slice(i, 8)),
                        scalars.Slice(i, 8), MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp2>>(results.Slice(i, 8)));
                }
                else
                {
                    break;
                }
            }
        }
        for (; i < points.Length; i++)
            results[i] = Multiply(points[i], scalars[i]);
    }

    /// <summary>
    /// results[i] = [k] points[i] for one scalar recoded once: eight points at a time on lanes that share k's digit
    /// schedule where the CPU allows (<see cref="LaneMultiplier{T, F}.MultiplySame"/>), one at a time otherwise.
    /// </summary>
    public static void MultiplyManySame<F>(ReadOnlySpan<JacobianPoint<F>> points, GlvDigits k, Span<JacobianPoint<F>> results)
        where F : struct, IField<F>
    {
        if (results.Length != points.Length)
            throw new ArgumentException($"{points.Length} points need as many results, got {results.Length}");
        var i = 0;
        if (FieldLanes<PModulus>.IsFast && (typeof(F) == typeof(Fp) || typeof(F) == typeof(Fp2)))
        {
            for (; i + 8 <= points.Length; i += 8)
            {
                if (typeof(F) == typeof(Fp))
                    LaneMultiplier<FieldLanes<PModulus>, Fp>.MultiplySame(MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp>>(points.Slice(i, 8)),
                        k, MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp>>(results.Slice(i, 8)));
                else
                    LaneMultiplier<Fp2Lanes, Fp2>.MultiplySame(MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp2>>(points.Slice(i, 8)),
                        k, MemoryMarshal.Cast<JacobianPoint<F>, JacobianPoint<Fp2>>(results.Slice(i, 8)));
            }
        }
        for (; i < points.Length; i++)
            results[i] = Multiply(points[i], k);
    }

    /// <summary>[k]P for a scalar recoded once with <see cref="Recode"/> (a twiddle factor or a contribution's secret reused for many points).</summary>
    public static JacobianPoint<F> Multiply<F>(in JacobianPoint<F> point, GlvDigits digits) where F : struct, IField<F> =>
        Multiply(point, digits.Shape, digits.Naf1, digits.Naf2);

    /// <summary>Writes k's two halves as width-5 NAF digits (least significant first) and returns their lengths and signs.</summary>
    public static GlvShape Recode(in Fr k, Span<sbyte> naf1, Span<sbyte> naf2)
    {
        Glv.Split(k, out var k1, out var negative1, out var k2, out var negative2);
        return new GlvShape(Naf(k1, naf1), negative1, Naf(k2, naf2), negative2);
    }

    static JacobianPoint<F> Multiply<F>(in JacobianPoint<F> point, GlvShape shape, ReadOnlySpan<sbyte> naf1, ReadOnlySpan<sbyte> naf2)
        where F : struct, IField<F>
    {
        if (point.IsInfinity)
            return point;
        // Odd multiples P, 3P, ..., 15P, and their images (beta X, Y, Z): phi commutes with taking multiples. A negative
        // half negates its table once, instead of every digit.
        var tableStorage = new OddMultiples<JacobianPoint<F>>();
        var phiStorage = new OddMultiples<JacobianPoint<F>>();
        Span<JacobianPoint<F>> table = tableStorage;
        Span<JacobianPoint<F>> phiTable = phiStorage;
        var twice = point.Double();
        table[0] = point;
        for (var j = 1; j < TableSize; j++)
            table[j] = table[j - 1].Add(twice);
        for (var j = 0; j < TableSize; j++)
        {
            var t = table[j];
            phiTable[j] = new JacobianPoint<F>(Endomorphism(t.X), shape.Negative2 ? -t.Y : t.Y, t.Z);
            if (shape.Negative1)
                table[j] = t.Negate();
        }

        var acc = JacobianPoint<F>.Infinity;
        for (var i = Math.Max(shape.Length1, shape.Length2) - 1; i >= 0; i--)
        {
            acc = acc.Double();
            if (i < shape.Length1 && naf1[i] != 0)
                acc = AddDigit(acc, table, naf1[i]);
            if (i < shape.Length2 && naf2[i] != 0)
                acc = AddDigit(acc, phiTable, naf2[i]);
        }
        return acc;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static JacobianPoint<F> AddDigit<F>(in JacobianPoint<F> acc, ReadOnlySpan<JacobianPoint<F>> table, int digit)
        where F : struct, IField<F> =>
        digit > 0 ? acc.Add(table[(digit - 1) >> 1]) : acc.Add(table[(-digit - 1) >> 1].Negate());

    /// <summary>beta x: the x-coordinate map of phi, with beta from Fp for both curves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static F Endomorphism<F>(in F x) where F : struct, IField<F>
    {
        if (typeof(F) == typeof(Fp))
        {
            var v = Unsafe.As<F, Fp>(ref Unsafe.AsRef(in x)) * Glv.BetaG1;
            return Unsafe.As<Fp, F>(ref v);
        }
        if (typeof(F) == typeof(Fp2))
        {
            var v = Unsafe.As<F, Fp2>(ref Unsafe.AsRef(in x)) * Glv.BetaG2;
            return Unsafe.As<Fp2, F>(ref v);
        }
        throw new NotSupportedException($"no GLV endomorphism for points over {typeof(F).Name}");
    }

    /// <summary>Width-5 NAF of k, least significant digit first; returns the number of digits.</summary>
    static int Naf(UInt128 k, Span<sbyte> digits)
    {
        var n = 0;
        while (k != UInt128.Zero)
        {
            var digit = 0;
            if (((ulong)k & 1) != 0)
            {
                digit = (int)((ulong)k & ((1 << Width) - 1));
                if (digit >= 1 << (Width - 1))
                    digit -= 1 << Width;
                k = digit >= 0 ? k - (UInt128)(uint)digit : k + (UInt128)(uint)(-digit);
            }
            digits[n++] = (sbyte)digit;
            k >>= 1;
        }
        return n;
    }
}

/// <summary>Room for the eight odd multiples on the stack (generic point types cannot be stackalloc'ed).</summary>
[InlineArray(8)]
internal struct OddMultiples<T>
{
    T _first;
}

/// <summary>The lengths and signs of a scalar's two GLV halves, whose digits <see cref="GlvMultiplier.Recode"/> wrote.</summary>
public readonly record struct GlvShape(int Length1, bool Negative1, int Length2, bool Negative2);

/// <summary>A scalar recoded once for <see cref="GlvMultiplier"/>, to multiply many points by it.</summary>
public sealed class GlvDigits
{
    public GlvDigits(in Fr k)
    {
        var naf1 = new sbyte[GlvMultiplier.MaxDigits];
        var naf2 = new sbyte[GlvMultiplier.MaxDigits];
        Shape = GlvMultiplier.Recode(k, naf1, naf2);
        Naf1 = naf1;
        Naf2 = naf2;
    }

    public GlvShape Shape { get; }
    internal sbyte[] Naf1 { get; }
    internal sbyte[] Naf2 { get; }
}
