using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The point sections of a powers-of-tau file, read once for <see cref="Phase1Verifier"/>: the checks that they are
/// the power series the last contribution claims, the hash of their content, and the checks of the Lagrange sections.
/// Sums use random 64-bit coefficients, so a wrong point passes with probability at most 2^-64 per check.
/// </summary>
internal sealed class Phase1Sections
{
    readonly PowersOfTau _ptau;
    readonly G1Affine[] _tauG1;
    readonly G2Affine[] _tauG2;
    readonly G1Affine[] _alphaTauG1;
    readonly G1Affine[] _betaTauG1;
    readonly G2Affine _betaG2;

    public Phase1Sections(PowersOfTau ptau)
    {
        _ptau = ptau;
        var n = 1 << ptau.Power;
        _tauG1 = ptau.TauG1(0, 2 * n - 1);
        _tauG2 = ptau.TauG2(0, n);
        _alphaTauG1 = ptau.AlphaTauG1(0, n);
        _betaTauG1 = ptau.BetaTauG1(0, n);
        _betaG2 = ptau.BetaG2();
    }

    public string? PowersFailure(PowersOfTauContribution last)
    {
        if (_tauG1[0] != G1.Generator) return "section 2: the first point is not the G1 generator";
        if (_tauG1[1] != last.TauG1) return "section 2: [tau]G1 differs from the last contribution's";
        if (_tauG2[0] != G2.Generator) return "section 3: the first point is not the G2 generator";
        if (_tauG2.Length > 1 && _tauG2[1] != last.TauG2) return "section 3: [tau]G2 differs from the last contribution's";
        if (_alphaTauG1[0] != last.AlphaG1) return "section 4: [alpha]G1 differs from the last contribution's";
        if (_betaTauG1[0] != last.BetaG1) return "section 5: [beta]G1 differs from the last contribution's";
        if (_betaG2 != last.BetaG2) return "section 6: [beta]G2 differs from the last contribution's";
        var outside = FirstOutsideSubgroup(_tauG2);
        if (outside >= 0) return $"section 3: point {outside} is not in the order-r subgroup of G2";
        if (!ShiftedByTau(_tauG1, last.TauG2)) return "section 2: the points are not successive powers of tau";
        if (!ShiftedByTau(_alphaTauG1, last.TauG2)) return "section 4: the points are not alpha times successive powers of tau";
        if (!ShiftedByTau(_betaTauG1, last.TauG2)) return "section 5: the points are not beta times successive powers of tau";
        if (_tauG2.Length > 1)
        {
            var rho = ShortScalars.Random(_tauG2.Length - 1);
            var low = CpuMsm.Shared.MultiExp(_tauG2.AsSpan(0, _tauG2.Length - 1), rho).ToAffine();
            var high = CpuMsm.Shared.MultiExp(_tauG2.AsSpan(1), rho).ToAffine();
            if (!Phase1Verifier.SameRatio(G1.Generator, last.TauG1, low, high))
                return "section 3: the points are not successive powers of tau";
        }
        return null;
    }

    /// <summary>e(sum rho_i P_i, [tau]G2) = e(sum rho_i P_(i+1), G2): each point is tau times the one before.</summary>
    static bool ShiftedByTau(G1Affine[] series, in G2Affine tauG2)
    {
        if (series.Length < 2)
            return true;
        var rho = ShortScalars.Random(series.Length - 1);
        var low = CpuMsm.Shared.MultiExp(series.AsSpan(0, series.Length - 1), rho).ToAffine();
        var high = CpuMsm.Shared.MultiExp(series.AsSpan(1), rho).ToAffine();
        return Phase1Verifier.SameRatio(low, high, G2.Generator, tauG2);
    }

    static int FirstOutsideSubgroup(G2Affine[] points) => G2.FirstOutsideSubgroup(points, infinityIsOutside: true);

    /// <summary>BLAKE2b-512 of the response hash and the sections uncompressed: the challenge the next contributor answers.</summary>
    public byte[] NextChallenge(byte[] responseHash)
    {
        var hasher = new Blake2b();
        hasher.Append(responseHash);
        HashEncoding.AppendG1(hasher, _tauG1);
        HashEncoding.AppendG2(hasher, _tauG2);
        HashEncoding.AppendG1(hasher, _alphaTauG1);
        HashEncoding.AppendG1(hasher, _betaTauG1);
        HashEncoding.AppendG2(hasher, _betaG2);
        return hasher.Finish();
    }

    /// <summary>Each Lagrange section, at every domain, equals the transform of its powers (section 12 to 2^(power+1)).</summary>
    public string? LagrangeFailure()
    {
        for (var p = 0; p <= _ptau.Power + 1; p++)
        {
            var n = 1 << p;
            var lagrange = _ptau.LagrangeTauG1(p);
            if (!SameCombination(lagrange, _tauG1.AsSpan(0, Math.Min(n, _tauG1.Length))))
                return $"section 12: domain 2^{p} is not the Lagrange basis of section 2";
            if (p > _ptau.Power)
                break;
            if (!SameCombination(_ptau.LagrangeAlphaTauG1(p), _alphaTauG1.AsSpan(0, n)))
                return $"section 14: domain 2^{p} is not the Lagrange basis of section 4";
            if (!SameCombination(_ptau.LagrangeBetaTauG1(p), _betaTauG1.AsSpan(0, n)))
                return $"section 15: domain 2^{p} is not the Lagrange basis of section 5";
            var lagrangeG2 = _ptau.LagrangeTauG2(p);
            var outside = FirstOutsideSubgroup(lagrangeG2);
            if (outside >= 0)
                return $"section 13: domain 2^{p}, point {outside} is not in the order-r subgroup of G2";
            var (coefficients, values) = InterpolationPair(n, n);
            if (!CpuMsm.Shared.MultiExp(lagrangeG2, values).IsSamePoint(CpuMsm.Shared.MultiExp(_tauG2.AsSpan(0, n), coefficients)))
                return $"section 13: domain 2^{p} is not the Lagrange basis of section 3";
        }
        return null;
    }

    /// <summary>sum_j v_j L_j = sum_k c_k P_k, v the transform of random c; a power the series lacks gets c_k = 0.</summary>
    static bool SameCombination(G1Affine[] lagrange, ReadOnlySpan<G1Affine> powers)
    {
        var (coefficients, values) = InterpolationPair(lagrange.Length, powers.Length);
        return CpuMsm.Shared.MultiExp(lagrange, values).IsSamePoint(CpuMsm.Shared.MultiExp(powers, coefficients.AsSpan(0, powers.Length)));
    }

    static (Fr[] Coefficients, Fr[] Values) InterpolationPair(int size, int used)
    {
        var coefficients = new Fr[size];
        ShortScalars.Random(used).CopyTo(coefficients, 0);
        var values = coefficients.ToArray();
        CpuNtt.Shared.Forward(values);
        return (coefficients, values);
    }
}
