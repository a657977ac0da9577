namespace ZkPot.Crypto;

/// <summary>
/// The Miller-loop line coefficients of one G2 point, computed once. Each line is (c0, c1, c2) and evaluates at
/// P = (xP, yP) to c0*yP + c1*xP*w + c2*v*w. A verifying key's fixed points are prepared once and reused.
/// </summary>
public sealed class G2Prepared
{
    internal readonly Fp2[] Lines; // triples
    public bool IsInfinity { get; }

    /// <summary>
    /// Whether every line was divided by its first coefficient, so it reads 1 + c1 xP/yP w + c2/yP v w. The factors
    /// lie in Fp2, which the final exponentiation maps to 1, and a line with constant term 1 multiplies into the
    /// Miller loop with 10 Fp2 products instead of 13.
    /// </summary>
    internal bool Normalized { get; }

    public G2Prepared(in G2Affine q)
    {
        IsInfinity = q.IsInfinity;
        Lines = IsInfinity ? [] : Build(q);
    }

    G2Prepared(bool infinity, Fp2[] lines, bool normalized) { IsInfinity = infinity; Lines = lines; Normalized = normalized; }

    /// <summary>
    /// Prepares a point that takes part in many pairings (a verifying key's): its lines are normalized once (one
    /// batched Fp2 inversion, the variable-time kind: keys are public) so each Miller loop multiplies them in more cheaply. Miller-loop values differ from
    /// those of <see cref="G2Prepared(in G2Affine)"/> by factors the final exponentiation removes.
    /// </summary>
    public static G2Prepared ForFixedPoint(in G2Affine q)
    {
        if (q.IsInfinity) return new G2Prepared(q);
        var lines = Build(q);
        int count = lines.Length / 3;
        // Batch inversion of the first coefficients (Montgomery's trick); a zero one keeps the plain lines.
        var prefix = new Fp2[count];
        var acc = Fp2.One;
        for (int i = 0; i < count; i++)
        {
            if (lines[3 * i].IsZero) return new G2Prepared(false, lines, false);
            prefix[i] = acc;
            acc *= lines[3 * i];
        }
        var inv = acc.Inverse(vartime: true);
        for (int i = count - 1; i >= 0; i--)
        {
            var c0Inverse = inv * prefix[i];
            inv *= lines[3 * i];
            lines[3 * i] = Fp2.One;
            lines[3 * i + 1] *= c0Inverse;
            lines[3 * i + 2] *= c0Inverse;
        }
        return new G2Prepared(false, lines, true);
    }

    static Fp2[] Build(in G2Affine q)
    {
        var lines = new List<Fp2>(3 * 90);
        // T in homogeneous projective coordinates (x = X/Z, y = Y/Z) on the twist.
        var x = q.X; var y = q.Y; var z = Fp2.One;
        var negQ = q.Negate();
        var naf = Pairing.LoopNaf;
        for (int i = naf.Length - 2; i >= 0; i--)
        {
            DoubleStep(ref x, ref y, ref z, lines);
            if (naf[i] == 1) AddStep(ref x, ref y, ref z, q, lines);
            else if (naf[i] == -1) AddStep(ref x, ref y, ref z, negQ, lines);
        }
        var q1 = G2.Psi(q);
        var q2 = G2.Psi(q1).Negate();
        AddStep(ref x, ref y, ref z, q1, lines);
        AddStep(ref x, ref y, ref z, q2, lines);
        return [.. lines];
    }

    /// <summary>Tangent line at T and T = 2T (Aranha, Karabina, Longa, Gebotys, Lopez 2011, for b' = 3/xi).</summary>
    static void DoubleStep(ref Fp2 x, ref Fp2 y, ref Fp2 z, List<Fp2> lines)
    {
        var a = (x * y) * Half;
        var b = y.Square();
        var c = z.Square();
        var e = c.Double() + c;
        e *= G2.B;                 // 3 b' Z^2
        var f = e.Double() + e;    // 9 b' Z^2
        var g = (b + f) * Half;
        var h = (y + z).Square() - (b + c); // 2YZ
        var x2 = x.Square();
        lines.Add(-h);
        lines.Add(x2.Double() + x2);
        lines.Add(e - b);
        var e2 = e.Square();
        x = a * (b - f);
        y = g.Square() - (e2.Double() + e2);
        z = b * h;
    }

    /// <summary>Line through T and the affine Q, and T = T + Q.</summary>
    static void AddStep(ref Fp2 x, ref Fp2 y, ref Fp2 z, in G2Affine q, List<Fp2> lines)
    {
        var theta = y - q.Y * z;
        var lambda = x - q.X * z;
        var c = theta.Square();
        var d = lambda.Square();
        var e = lambda * d;
        var f = z * c;
        var g = x * d;
        var h = e + f - g.Double();
        lines.Add(lambda);
        lines.Add(-theta);
        lines.Add(theta * q.X - lambda * q.Y);
        x = lambda * h;
        y = theta * (g - h) - y * e;
        z *= e;
    }

    static readonly Fp Half = Fp.FromUInt64(2).Inverse();
}
