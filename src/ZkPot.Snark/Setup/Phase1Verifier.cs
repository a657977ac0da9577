using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Checks a whole powers-of-tau file from scratch, as <c>snarkjs powersoftau verify</c> does and a little more: every
/// contribution against the one before it (proofs of knowledge bound to the challenge it answered, its points a power
/// of the previous ones, a beacon re-derived from its public value), the sections against the last contribution (a
/// power series of its tau, alpha and beta, starting at the generators), the last challenge hash recomputed from the
/// content, every G2 point in the order-r subgroup, and the Lagrange sections of every domain when present. Checking
/// stops at the first failure; the report names it.
/// </summary>
public static class Phase1Verifier
{
    public static Phase1Verification Verify(PowersOfTau ptau)
    {
        var checks = new List<SetupCheck>();
        var contributions = ptau.Contributions;
        bool Record(string name, bool passed, string detail)
        {
            checks.Add(new SetupCheck(name, passed ? SetupCheckOutcome.Passed : SetupCheckOutcome.Failed, detail));
            return passed;
        }
        Phase1Verification Done() => new(checks, contributions);

        if (!Record("contributions", contributions.Count > 0,
                contributions.Count > 0 ? $"{contributions.Count}" : "none: the points are the generators and every secret is 1"))
            return Done();

        var previous = Initial.For(ptau.CeremonyPower);
        foreach (var contribution in contributions)
        {
            var label = $"contribution {contribution.Number}{(string.IsNullOrEmpty(contribution.Name) ? "" : $" \"{contribution.Name}\"")}";
            if (contribution.IsBeacon)
            {
                var derived = Phase1Ceremony.BeaconKey(previous.NextChallenge, contribution.BeaconValue!, contribution.BeaconIterationsExponent).Key;
                if (!Record($"{label}: beacon", derived == contribution.Key,
                        derived == contribution.Key ? $"key re-derived from the beacon (2^{contribution.BeaconIterationsExponent} SHA-256 iterations)"
                                                    : "its key is not the one the beacon value gives"))
                    return Done();
            }
            var pok = ProofOfKnowledgeFailure(contribution.Key, previous.NextChallenge);
            if (!Record($"{label}: proof of knowledge", pok is null, pok ?? "tau, alpha and beta, bound to the previous challenge"))
                return Done();
            var step = StepFailure(contribution, previous);
            if (!Record($"{label}: follows {previous.Label}", step is null, step ?? "tau G1/G2, alpha G1, beta G1/G2 multiplied by its secrets"))
                return Done();
            previous = new Initial(contribution.TauG1, contribution.TauG2, contribution.AlphaG1, contribution.BetaG1, contribution.BetaG2,
                contribution.NextChallenge, $"contribution {contribution.Number}");
        }

        var sections = new Phase1Sections(ptau);
        var last = contributions[^1];
        var sectionFailure = sections.PowersFailure(last);
        if (!Record("sections", sectionFailure is null, sectionFailure ?? "power series of the last contribution's tau, from the generators; G2 points in the subgroup"))
            return Done();

        if (ptau.Power == ptau.CeremonyPower)
        {
            var next = sections.NextChallenge(last.ResponseHash());
            if (!Record("next challenge", next.AsSpan().SequenceEqual(last.NextChallenge),
                    next.AsSpan().SequenceEqual(last.NextChallenge) ? "recomputed from the content" : "the content does not hash to the last contribution's next challenge"))
                return Done();
        }
        else
        {
            checks.Add(new SetupCheck("next challenge", SetupCheckOutcome.Skipped, $"a reduced file (power {ptau.Power} of {ptau.CeremonyPower}) lacks the points it hashes"));
        }

        if (ptau.IsPrepared)
        {
            var lagrange = sections.LagrangeFailure();
            Record("Lagrange sections", lagrange is null, lagrange ?? $"every domain 2^0..2^{ptau.Power} (tau G1 to 2^{ptau.Power + 1}) is the basis of its powers");
        }
        else
        {
            checks.Add(new SetupCheck("Lagrange sections", SetupCheckOutcome.Skipped, "not prepared for phase 2 (zkpot ptau prepare)"));
        }
        return Done();
    }

    /// <summary>e([s]G1, [x] r) = e([s x]G1, r) for tau, alpha and beta, r derived from the challenge answered.</summary>
    static string? ProofOfKnowledgeFailure(PtauPublicKey key, byte[] challenge)
    {
        var parts = new[]
        {
            ("tau", PtauPublicKey.TauPersonalization, key.TauG1S, key.TauG1Sx, key.TauG2Spx),
            ("alpha", PtauPublicKey.AlphaPersonalization, key.AlphaG1S, key.AlphaG1Sx, key.AlphaG2Spx),
            ("beta", PtauPublicKey.BetaPersonalization, key.BetaG1S, key.BetaG1Sx, key.BetaG2Spx),
        };
        foreach (var (name, personalization, s, sx, spx) in parts)
        {
            var r = PtauPublicKey.ProofBase(personalization, challenge, s, sx);
            if (!SameRatio(s, sx, r, spx))
                return $"{name}: e([s]G1, [x]r) != e([s x]G1, r)";
        }
        return null;
    }

    static string? StepFailure(PowersOfTauContribution c, Initial previous)
    {
        var key = c.Key;
        var tauR = PtauPublicKey.ProofBase(PtauPublicKey.TauPersonalization, previous.NextChallenge, key.TauG1S, key.TauG1Sx);
        var alphaR = PtauPublicKey.ProofBase(PtauPublicKey.AlphaPersonalization, previous.NextChallenge, key.AlphaG1S, key.AlphaG1Sx);
        var betaR = PtauPublicKey.ProofBase(PtauPublicKey.BetaPersonalization, previous.NextChallenge, key.BetaG1S, key.BetaG1Sx);
        if (!SameRatio(previous.TauG1, c.TauG1, tauR, key.TauG2Spx)) return "[tau]G1 is not the previous one times its tau";
        if (!SameRatio(key.TauG1S, key.TauG1Sx, previous.TauG2, c.TauG2)) return "[tau]G2 is not the previous one times its tau";
        if (!SameRatio(previous.AlphaG1, c.AlphaG1, alphaR, key.AlphaG2Spx)) return "[alpha]G1 is not the previous one times its alpha";
        if (!SameRatio(previous.BetaG1, c.BetaG1, betaR, key.BetaG2Spx)) return "[beta]G1 is not the previous one times its beta";
        if (!SameRatio(key.BetaG1S, key.BetaG1Sx, previous.BetaG2, c.BetaG2)) return "[beta]G2 is not the previous one times its beta";
        return null;
    }

    /// <summary>e(a, d) = e(b, c), i.e. b/a = d/c as discrete logarithms; false when any point is the point at infinity.</summary>
    internal static bool SameRatio(in G1Affine a, in G1Affine b, in G2Affine c, in G2Affine d)
    {
        if (a.IsInfinity || b.IsInfinity || c.IsInfinity || d.IsInfinity)
            return false;
        return Pairing.Check([a, b.Negate()], [new G2Prepared(d), new G2Prepared(c)]);
    }

    /// <summary>The state a contribution builds on: the previous one's points and challenge, or the fresh file's.</summary>
    sealed record Initial(G1Affine TauG1, G2Affine TauG2, G1Affine AlphaG1, G1Affine BetaG1, G2Affine BetaG2, byte[] NextChallenge, string Label)
    {
        public static Initial For(int ceremonyPower) => new(G1.Generator, G2.Generator, G1.Generator, G1.Generator, G2.Generator,
            Phase1Ceremony.FirstChallenge(ceremonyPower), "the fresh file");
    }
}

/// <summary>The outcome of <see cref="Phase1Verifier.Verify"/>: checks in the order they ran, and the contributions.</summary>
public sealed class Phase1Verification(IReadOnlyList<SetupCheck> checks, IReadOnlyList<PowersOfTauContribution> contributions)
{
    public IReadOnlyList<SetupCheck> Checks { get; } = checks;
    public IReadOnlyList<PowersOfTauContribution> Contributions { get; } = contributions;
    public bool IsValid => FirstFailure is null;
    public SetupCheck? FirstFailure => Checks.FirstOrDefault(c => c.Outcome == SetupCheckOutcome.Failed);
}
