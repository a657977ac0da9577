namespace ZkPot.Circuits.SecureAggregation;

/// <summary>Shamir sharing over the BN254 scalar field: a secret is the constant term of a polynomial of degree threshold - 1.</summary>
public static class Shamir
{
    /// <summary>The polynomial's value at x.</summary>
    public static Fr Evaluate(ReadOnlySpan<Fr> coefficients, long x)
    {
        var fx = SignedField.Of(x);
        var acc = Fr.Zero;
        for (int i = coefficients.Length - 1; i >= 0; i--) acc = acc * fx + coefficients[i];
        return acc;
    }

    /// <summary>The constant term from exactly threshold shares at distinct nonzero x (Lagrange at 0).</summary>
    public static Fr Interpolate(IReadOnlyList<(long X, Fr Y)> shares)
    {
        if (shares.Select(s => s.X).Distinct().Count() != shares.Count || shares.Any(s => s.X == 0))
            throw new ArgumentException("shares need distinct nonzero x", nameof(shares));
        var secret = Fr.Zero;
        for (int i = 0; i < shares.Count; i++)
        {
            Fr num = Fr.One, den = Fr.One;
            for (int j = 0; j < shares.Count; j++)
            {
                if (j == i) continue;
                num *= SignedField.Of(shares[j].X);
                den *= SignedField.Of(shares[j].X) - SignedField.Of(shares[i].X);
            }
            secret += shares[i].Y * num * den.Inverse();
        }
        return secret;
    }
}
