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
            var failure = ContributionFailure(contribution, previous, checks);
            if (failure is not null)
                return Done();
            previous = Initial.After(contribution);
        }

        if (!SectionsAndChallenge(ptau, contributions[^1], checks))
            return Done();

        if (ptau.IsPrepared)
        {
            var lagrange = new Phase1Sections(ptau).LagrangeFailure();
            Record("Lagrange sections", lagrange is null, lagrange ?? $"every domain 2^0..2^{ptau.Power} (tau G1 to 2^{ptau.Power + 1}) is the basis of its powers");
        }
        else
        {
            checks.Add(new SetupCheck("Lagrange sections", SetupCheckOutcome.Skipped, "not prepared for phase 2 (zkpot ptau prepare)"));
        }
        return Done();
    }

    /// <summary>
    /// The contribution records alone, first to last (beacons re-derived, proofs of knowledge, steps), and the file's
    /// first points against the last record: for a file whose series were verified when it was made.
    /// </summary>
    public static Phase1Verification VerifyRecords(PowersOfTau ptau)
    {
        var checks = new List<SetupCheck>();
        var contributions = ptau.Contributions;
        if (contributions.Count == 0)
        {
            checks.Add(new SetupCheck("contributions", SetupCheckOutcome.Failed, "none: the points are the generators and every secret is 1"));
            return new(checks, contributions);
        }
        var previous = Initial.For(ptau.CeremonyPower);
        foreach (var contribution in contributions)
        {
            if (ContributionFailure(contribution, previous, checks) is not null)
                return new(checks, contributions);
            previous = Initial.After(contribution);
        }
        var last = contributions[^1];
        var matches = ptau.TauG1(1, 1)[0] == last.TauG1 && ptau.TauG2(1, 1)[0] == last.TauG2 && ptau.AlphaTauG1(0, 1)[0] == last.AlphaG1
            && ptau.BetaTauG1(0, 1)[0] == last.BetaG1 && ptau.BetaG2() == last.BetaG2;
        checks.Add(new SetupCheck("first points", matches ? SetupCheckOutcome.Passed : SetupCheckOutcome.Failed,
            matches ? "tau, alpha and beta of the last contribution" : "the sections do not start from the last contribution's tau, alpha and beta"));
        return new(checks, contributions);
    }

    /// <summary>
    /// The checks for using a (possibly huge) public file for one circuit: every contribution record from the first
    /// to the last, the file's first points against the last record, and the series and Lagrange sections the
    /// circuit's domain 2^domainPower uses (<see cref="PowersOfTau.CheckConsistency"/>), not the whole file.
    /// </summary>
    public static Phase1Verification VerifyForDomain(PowersOfTau ptau, int domainPower)
    {
        var records = VerifyRecords(ptau);
        if (!records.IsValid)
            return records;
        var checks = records.Checks.ToList();
        try
        {
            ptau.CheckConsistency(domainPower);
            checks.Add(new SetupCheck($"domain 2^{domainPower}", SetupCheckOutcome.Passed, "series and Lagrange sections consistent"));
        }
        catch (InvalidDataException e)
        {
            checks.Add(new SetupCheck($"domain 2^{domainPower}", SetupCheckOutcome.Failed, e.Message));
        }
        return new(checks, records.Contributions);
    }

    /// <summary>
    /// What a coordinator checks when a contributor hands back a file: that <paramref name="next"/> is
    /// <paramref name="previous"/> with exactly one more contribution (type 0; the coordinator applies beacons itself),
    /// the earlier records untouched, the new one valid against the last, and the sections the power series it claims.
    /// Returns the failed check, or null when the step is good.
    /// </summary>
    public static SetupCheck? StepFailure(PowersOfTau previous, PowersOfTau next)
    {
        var checks = new List<SetupCheck>();
        SetupCheck Fail(string name, string detail) => new(name, SetupCheckOutcome.Failed, detail);
        if (next.Power != previous.Power || next.CeremonyPower != previous.CeremonyPower)
            return Fail("power", $"the file has power {next.Power} (ceremony {next.CeremonyPower}), the ceremony {previous.Power} ({previous.CeremonyPower})");
        if (next.Contributions.Count != previous.Contributions.Count + 1)
            return Fail("one contribution", $"the file has {next.Contributions.Count} contributions; exactly {previous.Contributions.Count + 1} expected");
        for (var i = 0; i < previous.Contributions.Count; i++)
        {
            if (!SameRecord(previous.Contributions[i], next.Contributions[i]))
                return Fail("history", $"contribution {i + 1} differs from the one already accepted");
        }
        var added = next.Contributions[^1];
        if (added.IsBeacon)
            return Fail("contribution type", "a contributor's record must be a contribution (type 0), not a beacon");
        var state = previous.Contributions.Count == 0 ? Initial.For(previous.CeremonyPower) : Initial.After(previous.Contributions[^1]);
        if (ContributionFailure(added, state, checks) is { } failure)
            return failure;
        return SectionsAndChallenge(next, added, checks) ? null : checks[^1];
    }

    static bool SameRecord(PowersOfTauContribution a, PowersOfTauContribution b) =>
        a.NextChallenge.AsSpan().SequenceEqual(b.NextChallenge) && a.ResponseHash().AsSpan().SequenceEqual(b.ResponseHash())
        && a.TauG1 == b.TauG1 && a.TauG2 == b.TauG2 && a.AlphaG1 == b.AlphaG1 && a.BetaG1 == b.BetaG1 && a.BetaG2 == b.BetaG2
        && a.Type == b.Type && a.Name == b.Name;

    /// <summary>Beacon re-derivation, proof of knowledge and step of one contribution; adds its checks, returns the failed one.</summary>
    static SetupCheck? ContributionFailure(PowersOfTauContribution contribution, Initial previous, List<SetupCheck> checks)
    {
        var label = $"contribution {contribution.Number}{(string.IsNullOrEmpty(contribution.Name) ? "" : $" \"{contribution.Name}\"")}";
        SetupCheck? Record(string name, string? failure, string passed)
        {
            var check = new SetupCheck(name, failure is null ? SetupCheckOutcome.Passed : SetupCheckOutcome.Failed, failure ?? passed);
            checks.Add(check);
            return failure is null ? null : check;
        }
        if (contribution.IsBeacon)
        {
            var derived = Phase1Ceremony.BeaconKey(previous.NextChallenge, contribution.BeaconValue!, contribution.BeaconIterationsExponent).Key;
            if (Record($"{label}: beacon", derived == contribution.Key ? null : "its key is not the one the beacon value gives",
                    $"key re-derived from the beacon (2^{contribution.BeaconIterationsExponent} SHA-256 iterations)") is { } beacon)
                return beacon;
        }
        if (Record($"{label}: proof of knowledge", ProofOfKnowledgeFailure(contribution.Key, previous.NextChallenge),
                "tau, alpha and beta, bound to the previous challenge") is { } pok)
            return pok;
        return Record($"{label}: follows {previous.Label}", StepFailure(contribution, previous),
            "tau G1/G2, alpha G1, beta G1/G2 multiplied by its secrets");
    }

    /// <summary>The sections against the last contribution, then the next challenge recomputed from them; adds the checks.</summary>
    static bool SectionsAndChallenge(PowersOfTau ptau, PowersOfTauContribution last, List<SetupCheck> checks)
    {
        var sections = new Phase1Sections(ptau);
        var failure = sections.PowersFailure(last);
        checks.Add(new SetupCheck("sections", failure is null ? SetupCheckOutcome.Passed : SetupCheckOutcome.Failed,
            failure ?? "power series of the last contribution's tau, from the generators; G2 points in the subgroup"));
        if (failure is not null)
            return false;
        if (ptau.Power != ptau.CeremonyPower)
        {
            checks.Add(new SetupCheck("next challenge", SetupCheckOutcome.Skipped, $"a reduced file (power {ptau.Power} of {ptau.CeremonyPower}) lacks the points it hashes"));
            return true;
        }
        var matches = sections.NextChallenge(last.ResponseHash()).AsSpan().SequenceEqual(last.NextChallenge);
        checks.Add(new SetupCheck("next challenge", matches ? SetupCheckOutcome.Passed : SetupCheckOutcome.Failed,
            matches ? "recomputed from the content" : "the content does not hash to the last contribution's next challenge"));
        return matches;
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

        public static Initial After(PowersOfTauContribution c) =>
            new(c.TauG1, c.TauG2, c.AlphaG1, c.BetaG1, c.BetaG2, c.NextChallenge, $"contribution {c.Number}");
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
