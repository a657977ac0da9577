using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Circuits;

/// <summary>
/// Defines a rank-1 constraint system and solves its witness in the same pass: every variable is declared with its
/// value, and every constraint is checked against the values as it is added. A violated constraint does not throw
/// (a run with placeholder values must still yield the constraint system); it is recorded, reported by
/// <see cref="FirstUnsatisfiedConstraint"/> and <see cref="Check"/>, and left in the witness for
/// <see cref="R1cs.FirstUnsatisfiedConstraint"/> to find.
/// </summary>
public sealed class CircuitBuilder
{
    // The B side of "x * 1 = y".
    static readonly Term[] OneTerm = [new Term(Variable.One, Fr.One)];

    readonly ConstraintMatrixBuffer _a;
    readonly ConstraintMatrixBuffer _b;
    readonly ConstraintMatrixBuffer _c;
    readonly ConstraintLabels _labels = new();
    Fr[] _values;
    WireKind[] _kinds;
    int _variableCount;
    int _publicOutputs;
    int _publicInputs;
    int _privateInputs;
    int _committedInputs;
    Fr? _mask;
    int _constraintCount;
    int _firstUnsatisfied = -1;
    bool _finished;
    readonly Func<int, Fr, Fr>? _override;

    /// <summary>
    /// A builder for a circuit of about <paramref name="constraintCapacity"/> constraints (a hint; it grows as needed).
    /// <paramref name="valueOverride"/> plays a cheating prover: every variable's value passes through it as the
    /// variable is allocated (id, computed value -> value kept), and the gadgets that compute later hints read the
    /// kept value, so the wires that depend on a changed one are recomputed from it. Witness mutation tests use it;
    /// an honest prover passes nothing.
    /// </summary>
    public CircuitBuilder(int constraintCapacity = 1024, Func<int, Fr, Fr>? valueOverride = null)
    {
        _override = valueOverride;
        ArgumentOutOfRangeException.ThrowIfNegative(constraintCapacity);
        _a = new ConstraintMatrixBuffer(constraintCapacity);
        _b = new ConstraintMatrixBuffer(constraintCapacity);
        _c = new ConstraintMatrixBuffer(constraintCapacity);
        _values = new Fr[Math.Max(constraintCapacity, 16)];
        _kinds = new WireKind[_values.Length];
        _values[0] = Fr.One;
        _kinds[0] = WireKind.Constant;
        _variableCount = 1;
    }

    /// <summary>
    /// Runs <paramref name="circuit"/>'s definition on a fresh builder and returns the result; the capacity is a hint
    /// of the circuit's size (see the constructor for <paramref name="valueOverride"/>).
    /// </summary>
    public static BuiltCircuit Build(ICircuit circuit, int constraintCapacity = 1024, Func<int, Fr, Fr>? valueOverride = null)
    {
        ArgumentNullException.ThrowIfNull(circuit);
        var builder = new CircuitBuilder(constraintCapacity, valueOverride);
        circuit.Define(builder);
        return builder.Finish();
    }

    /// <summary>Constraints added so far.</summary>
    public int ConstraintCount => _constraintCount;

    /// <summary>Variables allocated so far, including the constant 1.</summary>
    public int VariableCount => _variableCount;

    /// <summary>The first constraint the values violate so far, or -1.</summary>
    public int FirstUnsatisfiedConstraint => _firstUnsatisfied;

    /// <summary>
    /// Declares a public input with its value. Public inputs appear in public.json (after any public outputs) in the
    /// order they are declared.
    /// </summary>
    public Variable PublicInput(Fr value)
    {
        var v = Allocate(WireKind.PublicInput, value);
        _publicInputs++;
        return v;
    }

    /// <summary>
    /// Declares a private input the proof commits to: with a commit-and-prove key the proof carries
    /// D = sum_j a_j F_j + nu F_mask over these wires (in declaration order) and one more, the mask, which
    /// <see cref="Finish"/> adds with a fresh random value nu (see <see cref="Groth16.Proof"/>). Committed inputs come
    /// before every other private input in the R1CS.
    /// </summary>
    public Variable CommittedInput(Fr value)
    {
        var v = Allocate(WireKind.CommittedInput, value);
        _committedInputs++;
        return v;
    }

    /// <summary>The value of the commitment's mask wire (default: fresh from the OS CSPRNG at <see cref="Finish"/>); tests fix it.</summary>
    public void SetMask(Fr value) => _mask = value;

    /// <summary>Declares a private input with its value.</summary>
    public Variable PrivateInput(Fr value)
    {
        var v = Allocate(WireKind.PrivateInput, value);
        _privateInputs++;
        return v;
    }

    /// <summary>
    /// Declares a public output with its value; it comes first in public.json, in declaration order. Like a hint it
    /// is unconstrained until the caller constrains it.
    /// </summary>
    public Variable PublicOutput(Fr value)
    {
        var v = Allocate(WireKind.PublicOutput, value);
        _publicOutputs++;
        return v;
    }

    /// <summary>
    /// A new internal variable holding a value computed outside the circuit (a bit, an inverse, a quotient).
    /// It is unconstrained: the caller must add the constraints that pin it down.
    /// </summary>
    public Variable Hint(Fr value) => Allocate(WireKind.Internal, value);

    /// <summary>The current value of a variable.</summary>
    public Fr Value(Variable variable)
    {
        RequireKnown(variable, "variable");
        return _values[variable.Id];
    }

    /// <summary>The value of a linear combination under the current values.</summary>
    public Fr Value(LinearCombination value) => Evaluate(value.Terms, "linear combination");

    /// <summary>Adds the constraint a * b = c.</summary>
    public void AssertProduct(LinearCombination a, LinearCombination b, LinearCombination c, string? label = null) =>
        AddConstraint(a.Terms, b.Terms, c.Terms, label);

    /// <summary>Adds the constraint left * 1 = right.</summary>
    public void AssertEqual(LinearCombination left, LinearCombination right, string? label = null) =>
        AddConstraint(left.Terms, OneTerm, right.Terms, label);

    /// <summary>
    /// The product of two combinations. When either is a constant the product is linear and costs nothing; otherwise
    /// it is a new variable and one constraint.
    /// </summary>
    public LinearCombination Mul(LinearCombination left, LinearCombination right, string? label = null)
    {
        if (left.IsConstant)
            return right * left.ConstantPart;
        if (right.IsConstant)
            return left * right.ConstantPart;
        return Product(left.Terms, right.Terms, label);
    }

    /// <summary>A variable equal to <paramref name="value"/>: the variable itself when it is one, else a new one and one constraint.</summary>
    public Variable ToVariable(LinearCombination value, string? label = null)
    {
        if (value.TryGetVariable(out var variable))
        {
            RequireKnown(variable, "variable");
            return variable;
        }
        var result = Hint(Evaluate(value.Terms, "linear combination"));
        Span<Term> c = [new Term(result, Fr.One)];
        Append(value.Terms, OneTerm, c, label);
        return result;
    }

    /// <summary>
    /// Opens a named scope: constraints added until the returned scope is disposed are described with this name
    /// (nested scopes are joined). Use with <c>using</c>.
    /// </summary>
    public ConstraintScope Scope(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        RequireOpen();
        return new ConstraintScope(this, _labels.Open(name, _constraintCount));
    }

    /// <summary>The scopes and label of a constraint ("outer / inner: label"), or null when it has none.</summary>
    public string? DescribeConstraint(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _constraintCount);
        return _labels.Describe(index);
    }

    /// <summary>Throws <see cref="UnsatisfiedConstraintException"/> naming the first violated constraint, if any.</summary>
    public void Check()
    {
        if (_firstUnsatisfied >= 0)
            throw new UnsatisfiedConstraintException(_firstUnsatisfied, _labels.Describe(_firstUnsatisfied));
    }

    /// <summary>
    /// Orders the wires (constant, public outputs, public inputs, committed inputs and their mask, private inputs,
    /// internal; declaration order within each) and returns the constraint system and the witness. The builder cannot
    /// be used afterwards.
    /// </summary>
    public BuiltCircuit Finish()
    {
        RequireOpen();
        if (_labels.OpenScopes > 0)
            throw new InvalidOperationException($"scope '{_labels.InnermostOpenScope}' is still open; dispose every scope before Finish");
        var committed = 0;
        if (_committedInputs > 0)
        {
            // The mask: the last committed wire, a random value hiding the others in D.
            Allocate(WireKind.CommittedInput, _mask ?? RandomNonZero());
            committed = _committedInputs + 1;
        }
        _finished = true;

        var wireOf = new int[_variableCount];
        var next = new int[(int)WireKind.Internal + 1];
        next[(int)WireKind.PublicOutput] = 1;
        next[(int)WireKind.PublicInput] = 1 + _publicOutputs;
        next[(int)WireKind.CommittedInput] = 1 + _publicOutputs + _publicInputs;
        next[(int)WireKind.PrivateInput] = 1 + _publicOutputs + _publicInputs + committed;
        next[(int)WireKind.Internal] = 1 + _publicOutputs + _publicInputs + committed + _privateInputs;
        var witness = new Fr[_variableCount];
        for (var id = 0; id < _variableCount; id++)
        {
            var wire = next[(int)_kinds[id]]++;
            wireOf[id] = wire;
            witness[wire] = _values[id];
        }

        var labels = new ulong[_variableCount];
        for (var w = 0; w < labels.Length; w++)
            labels[w] = (ulong)w;
        var r1cs = new R1cs(_variableCount, _publicOutputs, _publicInputs, _privateInputs + committed, (ulong)_variableCount,
            _a.ToMatrix(wireOf), _b.ToMatrix(wireOf), _c.ToMatrix(wireOf), labels);
        return new BuiltCircuit(r1cs, witness, wireOf, _firstUnsatisfied, _labels, committed);
    }

    internal void EndScope(int depth) => _labels.Close(depth, _constraintCount);

    /// <summary>a * b = c over raw terms (each span with unique variables), checked against the current values.</summary>
    internal void AddConstraint(ReadOnlySpan<Term> a, ReadOnlySpan<Term> b, ReadOnlySpan<Term> c, string? label)
    {
        RequireOpen();
        var va = Evaluate(a, "A");
        var vb = Evaluate(b, "B");
        var vc = Evaluate(c, "C");
        if (va * vb != vc && _firstUnsatisfied < 0)
            _firstUnsatisfied = _constraintCount;
        Append(a, b, c, label);
    }

    /// <summary>A new variable holding a * b, and the constraint saying so.</summary>
    internal Variable Product(ReadOnlySpan<Term> a, ReadOnlySpan<Term> b, string? label)
    {
        var va = Evaluate(a, "left factor");
        var vb = Evaluate(b, "right factor");
        return ProductOf(a, b, va * vb, label);
    }

    /// <summary>
    /// A new variable holding <paramref name="product"/> and the constraint a * b = it, for gadgets that already know
    /// the factors' values and so spare evaluating long combinations again. The caller guarantees product = a * b
    /// and that every variable in a and b belongs to this builder; tests re-evaluate such gadgets in full.
    /// </summary>
    internal Variable ProductOf(ReadOnlySpan<Term> a, ReadOnlySpan<Term> b, Fr product, string? label)
    {
        RequireOpen();
        var result = Allocate(WireKind.Internal, product);
        Span<Term> c = [new Term(result, Fr.One)];
        // Under a value override the product wire may have been changed: check it like any constraint.
        if (_override is not null) AddConstraint(a, b, c, label);
        else Append(a, b, c, label);
        return result;
    }

    /// <summary>
    /// Adds a constraint its caller has made true by construction (a bit hint taken from a value's binary digits),
    /// over variables of this builder, without evaluating it.
    /// </summary>
    internal void AddSatisfiedConstraint(ReadOnlySpan<Term> a, ReadOnlySpan<Term> b, ReadOnlySpan<Term> c, string? label)
    {
        RequireOpen();
        // A value override can break what construction guaranteed, so then the constraint is checked after all.
        if (_override is not null) AddConstraint(a, b, c, label);
        else Append(a, b, c, label);
    }

    /// <summary>The value of raw terms; throws, changing nothing, when a term's variable is not this builder's.</summary>
    internal Fr Evaluate(ReadOnlySpan<Term> terms, string what)
    {
        var sum = Fr.Zero;
        for (var k = 0; k < terms.Length; k++)
        {
            var id = terms[k].Variable.Id;
            if ((uint)id >= (uint)_variableCount)
                throw new ArgumentException(
                    $"{what} term {k} uses variable v{id}, but this builder has only {_variableCount} variables; was it made by another builder?");
            sum += terms[k].Coefficient * _values[id];
        }
        return sum;
    }

    void Append(ReadOnlySpan<Term> a, ReadOnlySpan<Term> b, ReadOnlySpan<Term> c, string? label)
    {
        _a.AppendRow(a);
        _b.AppendRow(b);
        _c.AppendRow(c);
        _labels.Set(_constraintCount, label);
        _constraintCount++;
    }

    Variable Allocate(WireKind kind, Fr value)
    {
        RequireOpen();
        if (_variableCount == _values.Length)
        {
            Array.Resize(ref _values, _values.Length * 2);
            Array.Resize(ref _kinds, _kinds.Length * 2);
        }
        _values[_variableCount] = _override is null ? value : _override(_variableCount, value);
        _kinds[_variableCount] = kind;
        return new Variable(_variableCount++);
    }

    void RequireKnown(Variable variable, string what)
    {
        if ((uint)variable.Id >= (uint)_variableCount)
            throw new ArgumentException($"{what} v{variable.Id} does not belong to this builder ({_variableCount} variables)");
    }

    static Fr RandomNonZero()
    {
        while (true)
        {
            var value = Fr.Random();
            if (!value.IsZero)
                return value;
        }
    }

    void RequireOpen()
    {
        if (_finished)
            throw new InvalidOperationException("the circuit is finished; start a new CircuitBuilder");
    }
}
