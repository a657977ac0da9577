namespace ZkPot.Snark.Formats;

/// <summary>
/// A Groth16 proving key as snarkjs lays out a .zkey: the header (<see cref="ZKeyHeader"/>), IC for the verifier,
/// the A/B coefficients the prover evaluates the QAP with, the prover's point vectors and the ceremony record.
/// Points are affine; the point at infinity appears where a wire has no term (for instance A of a wire used only
/// in B).
/// </summary>
public sealed class ZKey
{
    readonly G1Affine[] _ic;
    readonly ZKeyCoefficient[] _coefficients;
    readonly G1Affine[] _a;
    readonly G1Affine[] _b1;
    readonly G2Affine[] _b2;
    readonly G1Affine[] _c;
    readonly G1Affine[] _h;

    /// <summary>Takes ownership of the arrays; their lengths must match the header's counts.</summary>
    public ZKey(ZKeyHeader header, G1Affine[] ic, ZKeyCoefficient[] coefficients, G1Affine[] a, G1Affine[] b1,
        G2Affine[] b2, G1Affine[] c, G1Affine[] h, ZKeyContributions contributions, ZKeyCommitment? commitment = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(contributions);
        RequireLength(ic, header.NPublic + 1, nameof(ic));
        ArgumentNullException.ThrowIfNull(coefficients);
        RequireLength(a, header.NVars, nameof(a));
        RequireLength(b1, header.NVars, nameof(b1));
        RequireLength(b2, header.NVars, nameof(b2));
        RequireLength(c, header.NVars - header.NPublic - 1, nameof(c));
        RequireLength(h, header.DomainSize, nameof(h));
        for (var i = 0; i < coefficients.Length; i++)
        {
            var k = coefficients[i];
            if (k.Matrix is not (ZKeyMatrix.A or ZKeyMatrix.B) || k.Constraint >= (uint)header.DomainSize || k.Signal >= (uint)header.NVars)
                throw new ArgumentException($"coefficient {i} ({k.Matrix}, row {k.Constraint}, signal {k.Signal}) is outside the key's {header.DomainSize} rows and {header.NVars} signals", nameof(coefficients));
        }
        if (commitment is not null)
        {
            if (commitment.Count > c.Length)
                throw new ArgumentException($"the commitment covers {commitment.Count} wires, the key has {c.Length} private ones", nameof(commitment));
            if (commitment.Contributions.Count != contributions.Items.Count)
                throw new ArgumentException($"{contributions.Items.Count} phase-2 contributions but {commitment.Contributions.Count} sigma records", nameof(commitment));
            // No delta-scaled point for a committed wire: with one, D + t F_j and C - t C_j would verify and open to a_j + t.
            for (var j = 0; j < commitment.Count; j++)
            {
                if (!c[j].IsInfinity)
                    throw new ArgumentException($"C point {j} belongs to a committed wire and must be the point at infinity", nameof(c));
            }
        }
        Header = header;
        Commitment = commitment;
        _ic = ic;
        _coefficients = coefficients;
        _a = a;
        _b1 = b1;
        _b2 = b2;
        _c = c;
        _h = h;
        Contributions = contributions;
    }

    public ZKeyHeader Header { get; }

    /// <summary>The verifier's IC points, one per public signal plus one for wire 0.</summary>
    public ReadOnlySpan<G1Affine> IC => _ic;

    /// <summary>The A and B entries of the QAP, with true coefficient values, in file order.</summary>
    public ReadOnlySpan<ZKeyCoefficient> Coefficients => _coefficients;

    /// <summary>[A_i(tau)]_1 for every wire i.</summary>
    public ReadOnlySpan<G1Affine> A => _a;

    /// <summary>[B_i(tau)]_1 for every wire i.</summary>
    public ReadOnlySpan<G1Affine> B1 => _b1;

    /// <summary>[B_i(tau)]_2 for every wire i.</summary>
    public ReadOnlySpan<G2Affine> B2 => _b2;

    /// <summary>The private wires' C points: C[j] belongs to wire NPublic + 1 + j.</summary>
    public ReadOnlySpan<G1Affine> C => _c;

    /// <summary>The H points, one per domain element, for the odd coset of the 2n-th roots of unity (see ZK-INTEROP-FACTS).</summary>
    public ReadOnlySpan<G1Affine> H => _h;

    public ZKeyContributions Contributions { get; }

    /// <summary>The commit-and-prove part, or null for a plain Groth16 key.</summary>
    public ZKeyCommitment? Commitment { get; }

    static void RequireLength<T>(T[] array, int expected, string name)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array.Length != expected)
            throw new ArgumentException($"{name} has {array.Length} entries, expected {expected}", name);
    }
}
