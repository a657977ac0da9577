using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Checks a Groth16 proving key against its circuit and, when given, the powers-of-tau file it came from, and checks
/// its phase-2 contribution chain, as <c>snarkjs zkey verify</c> does. With the ptau every part of the key is
/// accounted for: the circuit shape and coefficients, IC, A, B1, B2 and the circuit hash recomputed and compared, each
/// contribution's transcript, proof of knowledge and delta step, the final delta, and C and H shown to be the initial
/// key's divided by that delta. Without it only what needs no phase-1 data is checked (shape, coefficients, B1 against
/// B2, the chain and the final delta); the rest is reported as skipped. Contributions made by snarkjs are checked
/// exactly as ours, since <see cref="HashToG2"/> is snarkjs's own map; a random beacon's derivation is not re-derived.
/// </summary>
public static class SetupVerifier
{
    /// <summary>Runs the checks in order, stopping at the first failure. Malformed inputs throw <see cref="InvalidDataException"/>.</summary>
    public static SetupVerification VerifyChain(R1cs r1cs, ZKey zkey, PowersOfTau? ptau = null)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        ArgumentNullException.ThrowIfNull(zkey);
        var checks = new List<SetupCheck>();
        var contributions = zkey.Contributions.Items;
        _ = Run(r1cs, zkey, ptau, checks);
        return new SetupVerification(checks, contributions);
    }

    static bool Run(R1cs r1cs, ZKey zkey, PowersOfTau? ptau, List<SetupCheck> checks)
    {
        bool Record(string name, bool passed, string passDetail, string failDetail)
        {
            checks.Add(new SetupCheck(name, passed ? SetupCheckOutcome.Passed : SetupCheckOutcome.Failed, passed ? passDetail : failDetail));
            return passed;
        }
        void Skip(string name, string why) => checks.Add(new SetupCheck(name, SetupCheckOutcome.Skipped, why));

        var header = zkey.Header;
        var commitment = zkey.Commitment;
        var qap = QapColumns.Build(r1cs, commitment?.Count ?? 0);
        if (!Record("circuit shape", header.NVars == qap.NWires && header.NPublic == qap.NPublic && header.DomainSize == qap.DomainSize,
                $"{qap.NWires} wires, {qap.NPublic} public, domain {qap.DomainSize}",
                $"the key has {header.NVars} wires, {header.NPublic} public, domain {header.DomainSize}; the r1cs needs {qap.NWires}, {qap.NPublic}, {qap.DomainSize}: a key for another circuit"))
            return false;
        var coefficientMismatch = FirstMismatch(zkey.Coefficients, qap.Coefficients);
        if (!Record("coefficients", coefficientMismatch is null, $"{qap.Coefficients.Length} A/B entries as the r1cs gives them",
                $"{coefficientMismatch}: a key for another circuit"))
            return false;

        ZKey? initial = null;
        if (ptau is not null)
        {
            Groth16Setup.RequireFits(qap, ptau);
            ptau.CheckConsistency(qap.DomainPower);
            Record("powers of tau", true, $"{ptau.Name}: power {ptau.Power}, series consistent for domain 2^{qap.DomainPower}", "");
            if (!Record("alpha, beta, gamma", header.Alpha1 == ptau.AlphaTauG1(0, 1)[0] && header.Beta1 == ptau.BetaTauG1(0, 1)[0]
                    && header.Beta2 == ptau.BetaG2() && header.Gamma2 == G2.Generator,
                    "alpha and beta from the powers of tau, gamma = 1",
                    "alpha1, beta1, beta2 or gamma2 differs from the key the powers of tau give (another ptau, or a key not made from one)"))
                return false;
            // A, B1, B2: sum_w rho_w P_w = sum_row (sum_w rho_w c_row,w) L_row for random 64-bit rho, one MSM a side,
            // instead of recomputing every point (a wrong point passes with probability at most 2^-64).
            if (!Record("A points", CombinationMatches(qap.A, zkey.A, ptau.LagrangeTauG1(qap.DomainPower)),
                    $"{zkey.A.Length} points are the QAP's A columns at tau (random combination)", "not the QAP's A columns at tau"))
                return false;
            if (!Record("B1 points", CombinationMatches(qap.B, zkey.B1, ptau.LagrangeTauG1(qap.DomainPower)),
                    $"{zkey.B1.Length} points are the QAP's B columns at tau (random combination)", "not the QAP's B columns at tau"))
                return false;
            if (!Record("B2 points", CombinationMatches(qap.B, zkey.B2, ptau.LagrangeTauG2(qap.DomainPower)),
                    $"{zkey.B2.Length} points are the QAP's B columns at tau in G2 (random combination)", "not the QAP's B columns at tau in G2"))
                return false;
            initial = Groth16Setup.InitialKeyAround(qap, ptau, zkey.A.ToArray(), zkey.B1.ToArray(), zkey.B2.ToArray());
            if (!SameG1("IC", zkey.IC, initial.IC))
                return false;
            if (commitment is not null && !SameG1("commitment bases", commitment.Bases, initial.Commitment!.Bases))
                return false;
            if (!Record("circuit hash", zkey.Contributions.CircuitHash.SequenceEqual(initial.Contributions.CircuitHash),
                    Hex(zkey.Contributions.CircuitHash[..8]) + "... equals the initial key's",
                    "the recorded circuit hash differs from the initial key's: the chain is anchored to another key"))
                return false;
        }
        else
        {
            Skip("IC, A, B1, B2, alpha, beta, gamma and circuit hash", "need the powers-of-tau file (--ptau) to be recomputed");
            if (!Record("B1 against B2", SameExponents(zkey.B1, zkey.B2), "e(B1_i, G2) = e(G1, B2_i) for a random combination",
                    "B1 and B2 are not the same polynomials at tau"))
                return false;
        }

        var delta = G1.Generator;
        var items = zkey.Contributions.Items;
        for (var i = 0; i < items.Count; i++)
        {
            var c = items[i];
            var label = $"contribution {i + 1}" + (string.IsNullOrEmpty(c.Name) ? "" : $" \"{c.Name}\"");
            var expected = Phase2Ceremony.Transcript(zkey.Contributions.CircuitHash, items.Take(i).ToList(), c.DeltaG1S, c.DeltaG1Sx);
            if (!Record(label + ": transcript", c.Transcript.SequenceEqual(expected), "binds the circuit hash, earlier contributions and its g1_s, g1_sx",
                    "the recorded transcript is not the hash of the chain so far and this record's g1_s, g1_sx"))
                return false;
            var r = HashToG2.FromTranscript(c.Transcript);
            if (!Record(label + ": proof of knowledge", SameRatio(c.DeltaG1S, c.DeltaG1Sx, r, c.DeltaG2Spx),
                    "e(g1_s, g2_spx) = e(g1_sx, hash-to-G2(transcript))", "g1_s, g1_sx and g2_spx do not share one secret"))
                return false;
            if (!Record(label + ": delta", SameRatio(delta, c.DeltaAfter, r, c.DeltaG2Spx),
                    "delta after = delta before times the proven secret", "deltaAfter is not the previous delta times the proven secret"))
                return false;
            if (c.Type == ZKeyContribution.BeaconType)
                Skip(label + ": beacon", "a random beacon: its derivation from the beacon hash is not re-derived here (snarkjs zkey verify does)");
            delta = c.DeltaAfter;
        }
        if (!Record("delta in header", header.Delta1 == delta && SameRatio(G1.Generator, header.Delta1, G2.Generator, header.Delta2),
                items.Count == 0 ? "delta = 1: no contribution yet, the key is not ready for use" : $"delta1 and delta2 are those of the last of {items.Count} contributions",
                header.Delta1 != delta ? "delta1 is not the last contribution's deltaAfter" : "delta2 does not match delta1"))
            return false;

        if (commitment is not null && !CommitmentChain(zkey, commitment, Record))
            return false;

        if (initial is null)
        {
            Skip("C and H divided by delta", "need the powers-of-tau file (--ptau) to recompute the initial C and H");
            return true;
        }
        if (!Record("C points", DividedByDelta(zkey.C, initial.C, header.Delta2), $"{zkey.C.Length} points: the initial ones divided by delta",
                "not the initial C points divided by the final delta"))
            return false;
        return Record("H points", DividedByDelta(zkey.H, initial.H, header.Delta2), $"{zkey.H.Length} points: the initial ones divided by delta",
            "not the initial H points divided by the final delta");

        bool SameG1(string name, ReadOnlySpan<G1Affine> actual, ReadOnlySpan<G1Affine> expected)
        {
            var at = FirstDifference(actual, expected);
            return Record(name + " points", at < 0, $"{actual.Length} points equal the recomputed ones", $"point {at} differs from the recomputed one");
        }
    }

    /// <summary>
    /// What a coordinator checks when a contributor hands back a key: that <paramref name="next"/> is
    /// <paramref name="previous"/> with exactly one more contribution: every section but delta, C and H unchanged, the
    /// earlier records untouched, the new record's transcript, proof of knowledge and delta step valid, and C and H
    /// divided by the same secret (a random combination and a pairing each). Returns the failed check, or null.
    /// </summary>
    public static SetupCheck? StepFailure(ZKey previous, ZKey next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        SetupCheck Fail(string name, string detail) => new(name, SetupCheckOutcome.Failed, detail);
        var (p, n) = (previous.Header, next.Header);
        if (n.NVars != p.NVars || n.NPublic != p.NPublic || n.DomainSize != p.DomainSize || n.Alpha1 != p.Alpha1 || n.Beta1 != p.Beta1
            || n.Beta2 != p.Beta2 || n.Gamma2 != p.Gamma2)
            return Fail("header", "shape, alpha, beta or gamma differs from the key the contribution was asked for");
        if (FirstDifference(next.IC, previous.IC) >= 0 || FirstDifference(next.A, previous.A) >= 0 || FirstDifference(next.B1, previous.B1) >= 0
            || FirstDifference(next.B2, previous.B2) >= 0 || FirstMismatch(next.Coefficients, previous.Coefficients) is not null)
            return Fail("unchanged sections", "IC, A, B1, B2 or the coefficients changed: a contribution touches only delta, C and H");
        var before = previous.Contributions.Items;
        var after = next.Contributions.Items;
        if (!next.Contributions.CircuitHash.SequenceEqual(previous.Contributions.CircuitHash) || after.Count != before.Count + 1)
            return Fail("one contribution", $"the key has {after.Count} contributions on circuit hash {Hex(next.Contributions.CircuitHash[..8])}...; exactly {before.Count + 1} on the ceremony's expected");
        for (var i = 0; i < before.Count; i++)
        {
            if (!Phase2Ceremony.ContributionHash(after[i]).AsSpan().SequenceEqual(Phase2Ceremony.ContributionHash(before[i])))
                return Fail("history", $"contribution {i + 1} differs from the one already accepted");
        }
        var c = after[^1];
        if (c.Type == ZKeyContribution.BeaconType)
            return Fail("contribution type", "a contributor's record must be a contribution, not a beacon");
        var label = $"contribution {after.Count}" + (string.IsNullOrEmpty(c.Name) ? "" : $" \"{c.Name}\"");
        var expected = Phase2Ceremony.Transcript(next.Contributions.CircuitHash, before, c.DeltaG1S, c.DeltaG1Sx);
        if (!c.Transcript.SequenceEqual(expected))
            return Fail(label + ": transcript", "the recorded transcript is not the hash of the chain so far and this record's g1_s, g1_sx");
        var r = HashToG2.FromTranscript(c.Transcript);
        if (!SameRatio(c.DeltaG1S, c.DeltaG1Sx, r, c.DeltaG2Spx))
            return Fail(label + ": proof of knowledge", "g1_s, g1_sx and g2_spx do not share one secret");
        if (!SameRatio(p.Delta1, c.DeltaAfter, r, c.DeltaG2Spx))
            return Fail(label + ": delta", "deltaAfter is not the previous delta times the proven secret");
        if (n.Delta1 != c.DeltaAfter || !SameRatio(G1.Generator, n.Delta1, G2.Generator, n.Delta2))
            return Fail("delta in header", "delta1 is not the new deltaAfter, or delta2 does not match delta1");
        if ((previous.Commitment is null) != (next.Commitment is null))
            return Fail("commitment", "a contribution cannot add or remove the commitment key");
        if (previous.Commitment is { } pc && next.Commitment is { } nc)
        {
            if (FirstDifference(nc.Bases, pc.Bases) >= 0)
                return Fail("commitment bases", "the commitment bases changed: a contribution touches only sigma's points");
            if (nc.Contributions.Count != after.Count)
                return Fail("commitment", "one sigma record per contribution");
            for (var i = 0; i < pc.Contributions.Count; i++)
            {
                if (nc.Contributions[i] != pc.Contributions[i] && !SameSigmaRecord(nc.Contributions[i], pc.Contributions[i]))
                    return Fail("history", $"sigma record {i + 1} differs from the one already accepted");
            }
            var sigmaBefore = pc.Contributions.Count == 0 ? G1.Generator : pc.Contributions[^1].SigmaAfter;
            if (SigmaStepFailure(nc.Contributions[^1], c.Transcript, sigmaBefore) is { } sigmaFailure)
                return Fail(label + ": sigma", sigmaFailure);
            if (SigmaKeyFailure(nc, nc.Contributions[^1].SigmaAfter) is { } keyFailure)
                return Fail("commitment key", keyFailure);
        }
        // C_new = C_prev * delta_prev / delta_new: e(sum rho C_new, delta2_new) = e(sum rho C_prev, delta2_prev).
        if (!Rescaled(next.C, previous.C, p.Delta2, n.Delta2))
            return Fail("C points", "not the previous C points divided by the proven secret");
        if (!Rescaled(next.H, previous.H, p.Delta2, n.Delta2))
            return Fail("H points", "not the previous H points divided by the proven secret");
        return null;
    }

    static bool Rescaled(ReadOnlySpan<G1Affine> points, ReadOnlySpan<G1Affine> before, in G2Affine deltaBefore, in G2Affine deltaAfter)
    {
        if (points.Length != before.Length)
            return false;
        if (points.Length == 0)
            return true;
        var rho = ShortScalars.Random(points.Length);
        var combined = CpuMsm.Shared.MultiExp(points, rho).ToAffine();
        var combinedBefore = CpuMsm.Shared.MultiExp(before, rho).ToAffine();
        if (combined.IsInfinity || combinedBefore.IsInfinity)
            return combined.IsInfinity && combinedBefore.IsInfinity;
        return SameRatio(combined, combinedBefore, deltaBefore, deltaAfter);
    }

    /// <summary>
    /// The sigma records of a commit-and-prove key, one per delta contribution: transcript bound to that contribution,
    /// proof of knowledge, sigma after = sigma before times the proven secret; then [sigma]_2 and the sigma bases against
    /// the last sigma (sigma F_j for every j, by a random combination).
    /// </summary>
    static bool CommitmentChain(ZKey zkey, ZKeyCommitment commitment, Func<string, bool, string, string, bool> record)
    {
        var items = zkey.Contributions.Items;
        var sigma = G1.Generator;
        for (var i = 0; i < commitment.Contributions.Count; i++)
        {
            var failure = SigmaStepFailure(commitment.Contributions[i], items[i].Transcript, sigma);
            if (!record($"contribution {i + 1}: sigma", failure is null, "transcript, proof of knowledge and step of the commitment's secret", failure ?? ""))
                return false;
            sigma = commitment.Contributions[i].SigmaAfter;
        }
        var keyFailure = SigmaKeyFailure(commitment, sigma);
        return record("commitment key", keyFailure is null,
            commitment.Contributions.Count == 0 ? "sigma = 1: no contribution yet" : $"[sigma]_2 and the {commitment.Count} sigma bases match the last contribution's sigma",
            keyFailure ?? "");
    }

    static bool SameSigmaRecord(SigmaContribution a, SigmaContribution b) =>
        a.SigmaAfter == b.SigmaAfter && a.G1S == b.G1S && a.G1Sx == b.G1Sx && a.G2Spx == b.G2Spx && a.Transcript.AsSpan().SequenceEqual(b.Transcript);

    static string? SigmaStepFailure(SigmaContribution c, ReadOnlySpan<byte> deltaTranscript, in G1Affine sigmaBefore)
    {
        var expected = Phase2Ceremony.SigmaTranscript(deltaTranscript, c.G1S, c.G1Sx);
        if (!c.Transcript.AsSpan().SequenceEqual(expected))
            return "the sigma transcript is not bound to this contribution's delta transcript and g1_s, g1_sx";
        var r = HashToG2.FromTranscript(c.Transcript);
        if (!SameRatio(c.G1S, c.G1Sx, r, c.G2Spx))
            return "the sigma proof of knowledge fails";
        return SameRatio(sigmaBefore, c.SigmaAfter, r, c.G2Spx) ? null : "sigma after is not sigma before times the proven secret";
    }

    /// <summary>[sigma]_2 against [sigma]_1, and sigma F_j against F_j: e(sum rho sigmaF, G2) = e(sum rho F, [sigma]_2).</summary>
    static string? SigmaKeyFailure(ZKeyCommitment commitment, in G1Affine sigma)
    {
        if (!SameRatio(G1.Generator, sigma, G2.Generator, commitment.Sigma2))
            return "[sigma]_2 does not match the last contribution's sigma";
        if (commitment.Bases.ToArray().Any(b => b.IsInfinity))
            return "a commitment base is the point at infinity: its wire would not be bound";
        var rho = ShortScalars.Random(commitment.Count);
        var sigmaCombined = CpuMsm.Shared.MultiExp(commitment.SigmaBases, rho).ToAffine();
        var combined = CpuMsm.Shared.MultiExp(commitment.Bases, rho).ToAffine();
        return Pairing.Check([sigmaCombined, combined.Negate()], [new G2Prepared(G2.Generator), new G2Prepared(commitment.Sigma2)])
            ? null
            : "the sigma bases are not sigma times the commitment bases";
    }

    static string? FirstMismatch(ReadOnlySpan<ZKeyCoefficient> actual, ReadOnlySpan<ZKeyCoefficient> expected)
    {
        if (actual.Length != expected.Length)
            return $"the key has {actual.Length} coefficient entries, the r1cs gives {expected.Length}";
        for (var i = 0; i < actual.Length; i++)
        {
            if (actual[i] != expected[i])
                return $"entry {i} is {Describe(actual[i])}, the r1cs gives {Describe(expected[i])}";
        }
        return null;
    }

    static string Describe(in ZKeyCoefficient k) => $"{k.Matrix}[{k.Constraint}][{k.Signal}] = {k.Value}";

    static int FirstDifference<T>(ReadOnlySpan<T> actual, ReadOnlySpan<T> expected) where T : IEquatable<T>
    {
        if (actual.Length != expected.Length)
            return Math.Min(actual.Length, expected.Length);
        for (var i = 0; i < actual.Length; i++)
        {
            if (!actual[i].Equals(expected[i]))
                return i;
        }
        return -1;
    }

    /// <summary>sum_w rho_w P_w = sum_row s_row L_row with s the rows combined by rho: every P_w is column w at tau.</summary>
    static bool CombinationMatches<F>(SparseColumns columns, ReadOnlySpan<AffinePoint<F>> points, AffinePoint<F>[] lagrange)
        where F : struct, IField<F>
    {
        if (points.Length != columns.WireCount)
            return false;
        var rho = ShortScalars.Random(points.Length);
        var rows = columns.CombineRows(rho, 0, lagrange.Length);
        if (typeof(F) == typeof(Fp))
        {
            var p = System.Runtime.InteropServices.MemoryMarshal.Cast<AffinePoint<F>, G1Affine>(points);
            var l = System.Runtime.InteropServices.MemoryMarshal.Cast<AffinePoint<F>, G1Affine>(lagrange);
            return CpuMsm.Shared.MultiExp(p, rho).IsSamePoint(CpuMsm.Shared.MultiExp(l, rows));
        }
        var q = System.Runtime.InteropServices.MemoryMarshal.Cast<AffinePoint<F>, G2Affine>(points);
        var m = System.Runtime.InteropServices.MemoryMarshal.Cast<AffinePoint<F>, G2Affine>(lagrange);
        return CpuMsm.Shared.MultiExp(q, rho).IsSamePoint(CpuMsm.Shared.MultiExp(m, rows));
    }

    /// <summary>e(a, d) = e(b, c): b/a = d/c in the exponent. Any point at infinity fails, as in snarkjs's sameRatio.</summary>
    static bool SameRatio(in G1Affine a, in G1Affine b, in G2Affine c, in G2Affine d)
    {
        if (a.IsInfinity || b.IsInfinity || c.IsInfinity || d.IsInfinity)
            return false;
        return Pairing.Check([a, b.Negate()], [new G2Prepared(d), new G2Prepared(c)]);
    }

    static bool SameExponents(ReadOnlySpan<G1Affine> g1, ReadOnlySpan<G2Affine> g2)
    {
        var rho = ShortScalars.Random(g1.Length);
        var left = CpuMsm.Shared.MultiExp(g1, rho).ToAffine();
        var right = CpuMsm.Shared.MultiExp(g2, rho).ToAffine();
        if (left.IsInfinity || right.IsInfinity)
            return left.IsInfinity && right.IsInfinity;
        return SameRatio(G1.Generator, left, G2.Generator, right);
    }

    /// <summary>e(sum rho_i P_i, delta2) = e(sum rho_i P0_i, G2) for random 64-bit rho: P = P0 / delta point by point, but for probability 2^-64.</summary>
    static bool DividedByDelta(ReadOnlySpan<G1Affine> points, ReadOnlySpan<G1Affine> initial, in G2Affine delta2)
    {
        if (points.Length != initial.Length)
            return false;
        if (points.Length == 0)
            return true;
        var rho = ShortScalars.Random(points.Length);
        var combined = CpuMsm.Shared.MultiExp(points, rho).ToAffine();
        var combinedInitial = CpuMsm.Shared.MultiExp(initial, rho).ToAffine();
        if (combined.IsInfinity || combinedInitial.IsInfinity)
            return combined.IsInfinity && combinedInitial.IsInfinity;
        return SameRatio(combined, combinedInitial, G2.Generator, delta2);
    }

    static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
