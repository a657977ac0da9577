using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using Fr = ZkPot.Crypto.PrimeField<ZkPot.Crypto.RModulus>;

namespace ZkPot.TestSupport;

/// <summary>
/// A cheating prover for any circuit the builder defines: it takes an honest witness and changes one wire that is not
/// an input at a time (random, +1, -1, p - value, and 1 - value for a bit), either in place or with every wire that
/// depends on it recomputed (the circuit is defined again with <see cref="CircuitBuilder"/>'s value override, so the
/// gadgets solve their later hints from the changed value). A change that still satisfies every constraint survives;
/// a test asserts that each survivor is a wire listed as free with its reason (<see cref="FreeWire"/>).
/// </summary>
public sealed class WitnessMutation
{
    readonly Func<Func<int, Fr, Fr>?, BuiltCircuit> _build;
    readonly int[] _idOfWire;
    readonly int[][] _constraintsOfWire;
    readonly Action<BuiltCircuit, Fr[]>? _settleOutputs;

    /// <param name="build">Defines the circuit with the given value override (null: honestly).</param>
    /// <param name="settleOutputs">
    /// For circuits whose claimed result is a public input (the accuracy count): sets it in a mutated witness to what
    /// the mutated wires compute, so a survivor is a second witness for the same private inputs with another result.
    /// </param>
    public WitnessMutation(Func<Func<int, Fr, Fr>?, BuiltCircuit> build, Action<BuiltCircuit, Fr[]>? settleOutputs = null)
    {
        _build = build;
        _settleOutputs = settleOutputs;
        Honest = build(null);
        if (!Honest.IsSatisfied || Honest.R1cs.FirstUnsatisfiedConstraint(Honest.Witness.Values) >= 0)
            throw new InvalidOperationException("the honest witness does not satisfy the circuit");
        var r1cs = Honest.R1cs;
        _idOfWire = new int[r1cs.NWires];
        for (int id = 0; id < r1cs.NWires; id++) _idOfWire[Honest.WireOf(id)] = id;
        var lists = new List<int>[r1cs.NWires];
        foreach (var matrix in new[] { r1cs.A, r1cs.B, r1cs.C })
            for (int row = 0; row < r1cs.NConstraints; row++)
                foreach (var wire in matrix.RowWires(row))
                {
                    var list = lists[wire] ??= [];
                    if (list.Count == 0 || list[^1] != row) list.Add(row);
                }
        _constraintsOfWire = lists.Select(l => l is null ? [] : l.Distinct().Order().ToArray()).ToArray();
    }

    public BuiltCircuit Honest { get; }

    /// <summary>The wires the prover computes (neither the constant nor an input).</summary>
    public IEnumerable<int> ComputedWires() => Enumerable.Range(0, Honest.R1cs.NWires).Where(w => !Honest.IsInputWire(w));

    /// <summary>A seeded sample of <paramref name="count"/> computed wires (all of them when there are fewer).</summary>
    public int[] SampleOfComputedWires(int count, int seed)
    {
        var all = ComputedWires().ToArray();
        if (all.Length <= count) return all;
        new Random(seed).Shuffle(all);
        return all.Take(count).Order().ToArray();
    }

    /// <summary>Wires used by constraints whose description starts with <paramref name="scope"/> (for example "sample 0").</summary>
    public int[] WiresInScope(string scope)
    {
        var wires = new SortedSet<int>();
        var r1cs = Honest.R1cs;
        for (int row = 0; row < r1cs.NConstraints; row++)
        {
            if (Honest.DescribeConstraint(row)?.StartsWith(scope, StringComparison.Ordinal) != true) continue;
            foreach (var matrix in new[] { r1cs.A, r1cs.B, r1cs.C })
                foreach (var w in matrix.RowWires(row))
                    if (!Honest.IsInputWire((int)w)) wires.Add((int)w);
        }
        return [.. wires];
    }

    /// <summary>Each mutation of each wire, in place: only the constraints that use the wire can change, so only they are evaluated.</summary>
    public List<Survivor> InPlace(IEnumerable<int> wires, int seed = 1)
    {
        var random = new Random(seed);
        var witness = Honest.Witness.Values.ToArray();
        var survivors = new List<Survivor>();
        foreach (var wire in wires)
        {
            var original = witness[wire];
            foreach (var (name, value) in Mutations(original, random))
            {
                witness[wire] = value;
                bool caught = false;
                foreach (var row in _constraintsOfWire[wire])
                    if (!Holds(row, witness)) { caught = true; break; }
                if (!caught) survivors.Add(Survive(wire, name, original, value, recomputed: false));
            }
            witness[wire] = original;
        }
        return survivors;
    }

    /// <summary>Each mutation of each wire with its dependents recomputed; the whole system is evaluated.</summary>
    public List<Survivor> Recomputed(IEnumerable<int> wires, int seed = 1)
    {
        var random = new Random(seed);
        var survivors = new List<Survivor>();
        foreach (var wire in wires)
        {
            var original = Honest.Witness.Values[wire];
            foreach (var (name, value) in Mutations(original, random))
                if (Satisfies(new Dictionary<int, Fr> { [_idOfWire[wire]] = value }))
                    survivors.Add(Survive(wire, name, original, value, recomputed: true));
        }
        return survivors;
    }

    /// <summary>
    /// Defines the circuit again with the given builder variables set (inputs included: an adversarial witness may
    /// lie about a committed value) and their dependents recomputed; true when the result satisfies every constraint.
    /// </summary>
    public bool Satisfies(IReadOnlyDictionary<int, Fr> variables) => FirstUnsatisfied(variables) < 0;

    /// <summary>The first constraint the rebuilt witness violates, or -1; <paramref name="inspect"/> sees the settled witness.</summary>
    public int FirstUnsatisfied(IReadOnlyDictionary<int, Fr> variables, Action<Fr[]>? inspect = null)
    {
        var built = _build((id, value) => variables.TryGetValue(id, out var v) ? v : value);
        var witness = built.Witness.Values.ToArray();
        _settleOutputs?.Invoke(built, witness);
        inspect?.Invoke(witness);
        return built.R1cs.FirstUnsatisfiedConstraint(witness);
    }

    /// <summary>The builder variable on a wire of the honest circuit.</summary>
    public int VariableOf(int wire) => _idOfWire[wire];

    public string Describe(int wire) =>
        string.Join(" | ", _constraintsOfWire[wire].Select(r => Honest.DescribeConstraint(r) ?? $"constraint {r}").Distinct());

    /// <summary>Survivors no free-wire rule explains, described one per line (empty: the circuit held).</summary>
    public static string Unexplained(IEnumerable<Survivor> survivors, params FreeWire[] free) =>
        string.Join("\n", survivors.Where(s => !free.Any(f => f.Explains(s)))
            .Select(s => $"wire {s.Wire} ({s.Constraints}): {s.Mutation} {(s.Recomputed ? "recomputed" : "in place")} from {s.Original} survives"));

    Survivor Survive(int wire, string name, Fr original, Fr value, bool recomputed) =>
        new(wire, name, original, value, recomputed, Describe(wire));

    bool Holds(int row, Fr[] witness)
    {
        var r1cs = Honest.R1cs;
        return r1cs.A.Evaluate(row, witness) * r1cs.B.Evaluate(row, witness) == r1cs.C.Evaluate(row, witness);
    }

    static IEnumerable<(string Name, Fr Value)> Mutations(Fr v, Random random)
    {
        var seen = new HashSet<Fr> { v };
        var bytes = new byte[31];
        random.NextBytes(bytes);
        var candidates = new List<(string, Fr)>
        {
            ("random", Fr.FromBigInteger(new System.Numerics.BigInteger(bytes, isUnsigned: true))),
            ("+1", v + Fr.One), ("-1", v - Fr.One), ("p - value", -v),
        };
        if (v.IsZero || v.IsOne) candidates.Add(("other root", Fr.One - v));
        foreach (var c in candidates)
            if (seen.Add(c.Item2)) yield return c;
    }

    public sealed record Survivor(int Wire, string Mutation, Fr Original, Fr Value, bool Recomputed, string Constraints);
}

/// <summary>A wire a circuit leaves free on purpose: its constraints' description contains <see cref="Constraint"/> and its honest value passes <see cref="When"/>.</summary>
public sealed record FreeWire(string Constraint, Func<Fr, bool> When, string Reason)
{
    public bool Explains(WitnessMutation.Survivor s) => s.Constraints.Contains(Constraint, StringComparison.Ordinal) && When(s.Original);

    /// <summary>IsZero's inverse hint when the tested value is 0: x * inverse = 1 - out holds for any inverse, and nothing reads it.</summary>
    public static FreeWire IsZeroInverse { get; } = new("IsZero: x * inverse = 1 - out", v => v.IsZero,
        "IsZero's inverse hint is unconstrained when the tested value is 0 (0 * inverse = 1 - 1); no other constraint reads it");
}
