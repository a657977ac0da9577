namespace ZkPot.Crypto;

/// <summary>
/// Whether many affine points lie on y^2 = x^3 + b, eight at a time on AVX-512 lanes (<see cref="ILanes{T}"/>): the
/// check a key reader runs on every point, about five times cheaper than one point at a time.
/// </summary>
internal static unsafe class CurveCheck
{
    /// <summary>The index of the first point not on the curve, or -1; the point at infinity counts as on it.</summary>
    public static int FirstOff<T, F>(ReadOnlySpan<AffinePoint<F>> points, in F b)
        where T : unmanaged, ILanes<T> where F : unmanaged, IField<F>
    {
        int n = points.Length, i = 0;
        if (FieldLanes<PModulus>.IsFast && n >= 8)
        {
            var bValue = b;
            ulong* bw = (ulong*)&bValue;
            var bl = T.Load(bw, bw, bw, bw, bw, bw, bw, bw);
            var d = stackalloc F[8];
            ulong* dw = (ulong*)d;
            int w = T.Words;
            fixed (AffinePoint<F>* p = points)
            {
                for (; i + 8 <= n; i += 8)
                {
                    AffinePoint<F>* q = p + i;
                    var x = T.Load((ulong*)&q[0].X, (ulong*)&q[1].X, (ulong*)&q[2].X, (ulong*)&q[3].X,
                        (ulong*)&q[4].X, (ulong*)&q[5].X, (ulong*)&q[6].X, (ulong*)&q[7].X);
                    var y = T.Load((ulong*)&q[0].Y, (ulong*)&q[1].Y, (ulong*)&q[2].Y, (ulong*)&q[3].Y,
                        (ulong*)&q[4].Y, (ulong*)&q[5].Y, (ulong*)&q[6].Y, (ulong*)&q[7].Y);
                    // Loads are below 32m: y^2 - b + 32m stays below 72m and x^3 below 41m, so y^2 - b - x^3 + 64m
                    // keeps every coordinate below 136m (bounds of FieldLanes and Fp2Lanes).
                    var lhs = T.Sub(T.Square(y), bl, T.Offset32);
                    var diff = T.Sub(lhs, T.Mul(T.Square(x), x), T.Offset64);
                    diff.Store(dw, dw + w, dw + 2 * w, dw + 3 * w, dw + 4 * w, dw + 5 * w, dw + 6 * w, dw + 7 * w);
                    for (int k = 0; k < 8; k++)
                        if (!d[k].IsZero && !q[k].IsInfinity) return i + k;
                }
            }
        }
        for (; i < n; i++)
            if (!points[i].IsOnCurve(b)) return i;
        return -1;
    }
}
