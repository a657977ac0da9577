using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Groth16 key generation into the <see cref="ZKey"/> model, laid out exactly as <c>snarkjs groth16 setup</c> writes
/// it, so snarkjs proves with our keys and we with its. For wire i with QAP polynomials A_i, B_i, C_i over the domain
/// of n = 2^k roots of unity (n the first power of two at or above nConstraints + nPublic + 1, the rows
/// A[nConstraints + s][s] = 1 added for s = 0..nPublic): A_i, B1_i in G1 and B2_i in G2 are the polynomials at tau;
/// IC_i = (beta A_i + alpha B_i + C_i)(tau) / gamma for public wires and C_i the same over delta for the others; H_i
/// = L_{2i+1}(tau) / delta with L the Lagrange basis of the 2n-th roots, the odd points, which lets a prover use
/// sum h_i H_i with h_i = (a b - c)(w_2n w_n^i) and never divide by Z.
/// </summary>
public static class Groth16Setup
{
    /// <summary>The name of the contribution record a dev setup writes for its delta.</summary>
    public const string DevelopmentContributionName = "zkpot --dev setup: UNSAFE FOR PRODUCTION";

    /// <summary>log2 of the domain snarkjs uses for a circuit; the powers-of-tau file must have at least this power.</summary>
    public static int DomainPower(R1cs r1cs, int committed = 0) => QapColumns.DomainPowerFor(r1cs, committed);

    /// <summary>
    /// The initial key from a prepared powers-of-tau file, as snarkjs makes it: gamma = delta = 1 (the generators), no
    /// contributions yet, and the circuit hash snarkjs computes, so <c>snarkjs zkey verify</c> accepts it. Phase-2
    /// contributions (<see cref="Phase2Ceremony.Contribute(ZKey, string?, string?)"/>) must follow before it is used:
    /// with delta = 1, C and H are public multiples of phase-1 points. The Lagrange and power series used are checked
    /// against each other first (<see cref="PowersOfTau.CheckConsistency"/>) unless <paramref name="checkPhase1"/> is off.
    /// With <paramref name="committed"/> &gt; 0 the key is commit-and-prove (<see cref="ZKeyCommitment"/>): the first
    /// committed private wires get their own rows and bases F_j, no C point, and sigma = 1 until contributions come.
    /// </summary>
    /// <exception cref="InvalidDataException">the file is not prepared for phase 2, too small for the circuit, or inconsistent.</exception>
    public static ZKey FromPowersOfTau(R1cs r1cs, PowersOfTau ptau, bool checkPhase1 = true, int committed = 0)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        ArgumentNullException.ThrowIfNull(ptau);
        var qap = QapColumns.Build(r1cs, committed);
        RequireFits(qap, ptau);
        if (checkPhase1)
            ptau.CheckConsistency(qap.DomainPower);
        return InitialKey(qap, ptau);
    }

    /// <summary>Throws unless the file is prepared and its power covers the circuit's domain; the message names the power needed.</summary>
    internal static void RequireFits(QapColumns qap, PowersOfTau ptau)
    {
        var rows = (long)qap.NConstraints + qap.NPublic + 1 + qap.Committed;
        if (qap.DomainPower > ptau.Power)
            throw new InvalidDataException(
                $"{ptau.Name}: the circuit needs a powers-of-tau file of power at least {qap.DomainPower} " +
                $"({qap.NConstraints} constraints + {qap.NPublic} public + 1{(qap.Committed > 0 ? $" + {qap.Committed} committed" : "")} = {rows} rows, domain 2^{qap.DomainPower}); this file has power {ptau.Power}");
        if (!ptau.IsPrepared)
            throw new InvalidDataException($"{ptau.Name}: not prepared for phase 2 (no Lagrange sections 12-15); run `snarkjs powersoftau prepare phase2` on it");
    }

    /// <summary>The key before any contribution, computed from the phase-1 points; <see cref="SetupVerifier"/> compares keys with it.</summary>
    internal static ZKey InitialKey(QapColumns qap, PowersOfTau ptau)
    {
        var p = qap.DomainPower;
        var tauL = ptau.LagrangeTauG1(p);
        var tauL2 = ptau.LagrangeTauG2(p);
        MultiExp<Fp> g1 = (points, scalars) => SingleThreaded.MultiExp(points, scalars);
        MultiExp<Fp2> g2 = (points, scalars) => SingleThreaded.MultiExp(points, scalars);
        var nVars = qap.NWires;
        var a = SparseCombiner.Combine(0, nVars, [new(qap.A, tauL)], g1);
        var b1 = SparseCombiner.Combine(0, nVars, [new(qap.B, tauL)], g1);
        var b2 = SparseCombiner.Combine(0, nVars, [new(qap.B, tauL2)], g2);
        return InitialKeyAround(qap, ptau, a, b1, b2);
    }

    /// <summary>
    /// The initial key with the given A, B1 and B2 (computed, or taken from a key already checked to have them): IC and
    /// C (beta A + alpha B + C at tau) are computed, H read from section 12, the circuit hash recomputed over them.
    /// </summary>
    internal static ZKey InitialKeyAround(QapColumns qap, PowersOfTau ptau, G1Affine[] a, G1Affine[] b1, G2Affine[] b2)
    {
        var p = qap.DomainPower;
        var n = qap.DomainSize;
        var nVars = qap.NWires;
        var nPublic = qap.NPublic;
        MultiExp<Fp> g1 = (points, scalars) => SingleThreaded.MultiExp(points, scalars);
        ColumnBasis<Fp>[] k = [new(qap.A, ptau.LagrangeBetaTauG1(p)), new(qap.B, ptau.LagrangeAlphaTauG1(p)), new(qap.C, ptau.LagrangeTauG1(p))];
        var ic = SparseCombiner.Combine(0, nPublic + 1, k, g1);
        var c = SparseCombiner.Combine(nPublic + 1, nVars - nPublic - 1, k, g1);
        // Committed wires: their K points become the commitment bases (gamma = 1), and leave C.
        var bases = c[..qap.Committed];
        for (var j = 0; j < qap.Committed; j++)
            c[j] = G1Affine.Infinity;

        var doubled = ptau.LagrangeTauG1(p + 1);
        var h = new G1Affine[n];
        for (var i = 0; i < n; i++)
            h[i] = doubled[2 * i + 1];

        var header = new ZKeyHeader(nVars, nPublic, n, ptau.AlphaTauG1(0, 1)[0], ptau.BetaTauG1(0, 1)[0], ptau.BetaG2(),
            G2.Generator, G1.Generator, G2.Generator);
        var circuitHash = CircuitHash.Compute(header, ic, HQueryFromPowers(ptau, n), c, a, b1, b2, bases);
        var commitment = qap.Committed == 0 ? null : new ZKeyCommitment(bases, bases.ToArray(), G2.Generator, []);
        return new ZKey(header, ic, qap.Coefficients, a, b1, b2, c, h, new ZKeyContributions(circuitHash, []), commitment);
    }

    /// <summary>Heavy wires' MSMs run side by side (SparseCombiner), each on one thread.</summary>
    static readonly CpuMsm SingleThreaded = new(maxThreads: 1);

    /// <summary>
    /// [tau^i (tau^n - 1)]G1 = tau^(n+i) G1 - tau^i G1 for the circuit hash. When the domain fills the file (n = 2^power)
    /// and n - 1 exceeds 2^14, snarkjs's last hash chunk runs one point past section 2; <see cref="OverreadHQueryPoint"/>
    /// reproduces what it computes there, so such keys still carry snarkjs's circuit hash.
    /// </summary>
    static G1Affine[] HQueryFromPowers(PowersOfTau ptau, int n)
    {
        var count = CircuitHash.HQueryCount(n);
        var available = (int)Math.Min(2L * n - 1, (2L << ptau.Power) - 1);
        var powers = ptau.TauG1(0, available);
        var inRange = Math.Min(count, powers.Length - n);
        var result = new G1Jacobian[inRange];
        Parallel.For(0, inRange, i => result[i] = powers[n + i].ToJacobian().AddMixed(powers[i].Negate()));
        var points = SparseCombiner.ToAffine(result);
        if (inRange == count)
            return points;
        var bytes = ptau.BytesAfterTauG1()
            ?? throw new InvalidDataException($"{ptau.Name}: section 2 ends the file, so the circuit hash snarkjs computes for a domain of 2^{ptau.Power} cannot be reproduced");
        return [.. points, OverreadHQueryPoint.Compute(bytes, powers[count - 1])];
    }

    /// <summary>
    /// UNSAFE FOR PRODUCTION: a key from secrets drawn in this process (<see cref="DevelopmentSecrets"/>), computed from
    /// the scalars with fixed-base multiplications. gamma and delta are random. The key records delta as a phase-2
    /// contribution named <see cref="DevelopmentContributionName"/> on top of an initial key with delta = 1, so its
    /// contribution chain starts from the generator like any other and further contributions and checks work alike.
    /// Its circuit hash follows snarkjs's definition for that initial key (gamma random rather than 1).
    /// </summary>
    public static ZKey Development(R1cs r1cs) => Development(r1cs, DevelopmentSecrets.Random());

    /// <summary>As <see cref="Development(R1cs)"/> with given secrets (tests use known ones); <paramref name="committed"/> &gt; 0 for a commit-and-prove key.</summary>
    public static ZKey Development(R1cs r1cs, DevelopmentSecrets secrets, int committed = 0)
    {
        ArgumentNullException.ThrowIfNull(r1cs);
        ArgumentNullException.ThrowIfNull(secrets);
        var qap = QapColumns.Build(r1cs, committed);
        var p = qap.DomainPower;
        var n = qap.DomainSize;
        var nVars = qap.NWires;
        var nPublic = qap.NPublic;
        var nPrivate = nVars - nPublic - 1;
        var tau = secrets.Tau;

        var lagrange = LagrangeBasis.Evaluate(tau, p);
        var doubled = LagrangeBasis.Evaluate(tau, p + 1);
        var a = qap.A.Evaluate(lagrange);
        var b = qap.B.Evaluate(lagrange);
        var c = qap.C.Evaluate(lagrange);
        var gammaInverse = secrets.Gamma.Inverse();
        var deltaInverse = secrets.Delta.Inverse();

        // One G1 batch: A | B1 | IC | C before delta (for the hash) | C / delta | H / delta | H query (for the hash) |
        // commitment bases K/gamma | sigma times them.
        var hCount = CircuitHash.HQueryCount(n);
        var scalars = new Fr[3 * nVars + nPrivate + n + hCount + 2 * committed];
        var at = 0;
        a.CopyTo(scalars, at);
        at += nVars;
        b.CopyTo(scalars, at);
        at += nVars;
        for (var i = 0; i < nVars; i++)
        {
            var k = secrets.Beta * a[i] + secrets.Alpha * b[i] + c[i];
            if (i <= nPublic)
            {
                scalars[at + i] = k * gammaInverse;
            }
            else if (i <= nPublic + committed)
            {
                // A committed wire: no C point; its K / gamma is a commitment base (scalars at the end).
                var j = i - nPublic - 1;
                var baseAt = 3 * nVars + nPrivate + n + hCount;
                scalars[baseAt + j] = k * gammaInverse;
                scalars[baseAt + committed + j] = k * gammaInverse * secrets.Sigma;
            }
            else
            {
                scalars[at + i] = k;
                scalars[at + nPrivate + i] = k * deltaInverse;
            }
        }
        at += nVars + nPrivate;
        for (var i = 0; i < n; i++)
            scalars[at + i] = doubled[2 * i + 1] * deltaInverse;
        at += n;
        var zTau = tau.Pow([(ulong)n]) - Fr.One;
        var power = zTau;
        for (var i = 0; i < hCount; i++)
        {
            scalars[at + i] = power;
            power *= tau;
        }

        var fixedG1 = new FixedBaseTable<Fp>(G1.Generator);
        var g1 = fixedG1.MultiplyMany(scalars);
        var g2 = new FixedBaseTable<Fp2>(G2.Generator).MultiplyMany([.. b, secrets.Beta, secrets.Gamma, secrets.Delta, secrets.Sigma]);
        var points = g1.AsSpan();
        var aPoints = points[..nVars].ToArray();
        var b1Points = points.Slice(nVars, nVars).ToArray();
        var icPoints = points.Slice(2 * nVars, nPublic + 1).ToArray();
        var cInitial = points.Slice(2 * nVars + nPublic + 1, nPrivate).ToArray();
        var cPoints = points.Slice(3 * nVars, nPrivate).ToArray();
        var hPoints = points.Slice(3 * nVars + nPrivate, n).ToArray();
        var hQuery = points.Slice(3 * nVars + nPrivate + n, hCount);
        var bases = points.Slice(3 * nVars + nPrivate + n + hCount, committed).ToArray();
        var sigmaBases = points.Slice(3 * nVars + nPrivate + n + hCount + committed, committed).ToArray();
        var b2Points = g2.AsSpan(0, nVars).ToArray();
        var beta2 = g2[nVars];
        var gamma2 = g2[nVars + 1];
        var delta2 = g2[nVars + 2];

        var alpha1 = fixedG1.Multiply(secrets.Alpha).ToAffine();
        var beta1 = fixedG1.Multiply(secrets.Beta).ToAffine();
        var initial = new ZKeyHeader(nVars, nPublic, n, alpha1, beta1, beta2, gamma2, G1.Generator, G2.Generator);
        var circuitHash = CircuitHash.Compute(initial, icPoints, hQuery, cInitial, aPoints, b1Points, b2Points, bases);

        var record = Phase2Ceremony.CreateRecord(circuitHash, [], G1.Generator, secrets.Delta, NonZeroRandom(), DevelopmentContributionName);
        var header = new ZKeyHeader(nVars, nPublic, n, alpha1, beta1, beta2, gamma2, record.DeltaAfter, delta2);
        ZKeyCommitment? commitment = null;
        if (committed > 0)
        {
            var sigmaRecord = Phase2Ceremony.CreateSigmaRecord(record.Transcript, G1.Generator, secrets.Sigma, NonZeroRandom());
            commitment = new ZKeyCommitment(bases, sigmaBases, g2[nVars + 3], [sigmaRecord]);
        }
        return new ZKey(header, icPoints, qap.Coefficients, aPoints, b1Points, b2Points, cPoints, hPoints,
            new ZKeyContributions(circuitHash, [record]), commitment);
    }

    static Fr NonZeroRandom()
    {
        while (true)
        {
            var value = Fr.Random();
            if (!value.IsZero)
                return value;
        }
    }
}
