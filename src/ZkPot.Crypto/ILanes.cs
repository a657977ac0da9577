namespace ZkPot.Crypto;

/// <summary>
/// Eight field elements on AVX-512 lanes, as the batch-affine MSM uses them: <see cref="FieldLanes{M}"/> for G1 and
/// <see cref="Fp2Lanes"/> for G2. Values are loose (see <see cref="FieldLanes{M}"/> for the bounds each operation keeps).
/// </summary>
internal unsafe interface ILanes<T> where T : unmanaged, ILanes<T>
{
    /// <summary>64-bit words per element in memory (scalar Montgomery form).</summary>
    static abstract int Words { get; }

    /// <summary>One in every lane.</summary>
    static abstract T One { get; }

    static abstract T Load(ulong* e0, ulong* e1, ulong* e2, ulong* e3, ulong* e4, ulong* e5, ulong* e6, ulong* e7);
    void Store(ulong* e0, ulong* e1, ulong* e2, ulong* e3, ulong* e4, ulong* e5, ulong* e6, ulong* e7);
    static abstract T Mul(in T a, in T b);
    static abstract T Square(in T a);
    static abstract T Add(in T a, in T b);

    /// <summary>a - b + K*m in every coordinate, K = 2^shift for one of the offsets below, K*m above b.</summary>
    static abstract T Sub(in T a, in T b, int shift);

    /// <summary>x minus a multiple of m in every coordinate, below 3m, for any loose x.</summary>
    static abstract T Reduce(in T x);

    /// <summary>
    /// The product for a below 70m and b below 35m only, where the field can use a cheaper formula (Fp2: Karatsuba's
    /// three base products, whose sums would outgrow the lanes for larger operands); the result is below 124m.
    /// </summary>
    static abstract T MulBounded(in T a, in T b);

    /// <summary>The square of an operand below 70m (Fp2: two base products).</summary>
    static abstract T SquareBounded(in T a);

    /// <summary>
    /// A product made small enough to feed further products and sums: for Fp a product of operands below 13m is already
    /// below 2m and is returned as is; for Fp2 the schoolbook product carries a 32m offset and is reduced.
    /// </summary>
    static abstract T ReduceProduct(in T x);

    /// <summary>The shifts of <see cref="Sub"/> for K = 32, 64 and 128.</summary>
    static abstract int Offset32 { get; }
    static abstract int Offset64 { get; }
    static abstract int Offset128 { get; }
}
