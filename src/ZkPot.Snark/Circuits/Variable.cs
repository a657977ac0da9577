namespace ZkPot.Snark.Circuits;

/// <summary>
/// A variable of the circuit a <see cref="CircuitBuilder"/> is defining: an index into that builder's variables, in
/// allocation order (0 is the constant 1). The R1CS wire it ends up on is given by <see cref="BuiltCircuit.WireOf"/>.
/// </summary>
public readonly struct Variable : IEquatable<Variable>
{
    internal Variable(int id) => Id = id;

    /// <summary>The constant 1 (wire 0 of every R1CS).</summary>
    public static Variable One => default;

    /// <summary>Index of the variable in its builder, in allocation order; 0 is the constant 1.</summary>
    public int Id { get; }

    public static LinearCombination operator +(Variable left, Variable right) => (LinearCombination)left + right;

    public static LinearCombination operator -(Variable left, Variable right) => (LinearCombination)left - right;

    public static LinearCombination operator -(Variable value) => -(LinearCombination)value;

    public static LinearCombination operator +(Variable left, long right) => (LinearCombination)left + right;

    public static LinearCombination operator +(long left, Variable right) => (LinearCombination)right + left;

    public static LinearCombination operator -(Variable left, long right) => (LinearCombination)left - right;

    public static LinearCombination operator -(long left, Variable right) => (LinearCombination)left - right;

    public static LinearCombination operator *(Variable value, Fr scalar) => (LinearCombination)value * scalar;

    public static LinearCombination operator *(Fr scalar, Variable value) => (LinearCombination)value * scalar;

    public static LinearCombination operator *(Variable value, long scalar) => (LinearCombination)value * scalar;

    public static LinearCombination operator *(long scalar, Variable value) => (LinearCombination)value * scalar;

    public static bool operator ==(Variable left, Variable right) => left.Id == right.Id;

    public static bool operator !=(Variable left, Variable right) => left.Id != right.Id;

    public bool Equals(Variable other) => Id == other.Id;

    public override bool Equals(object? obj) => obj is Variable other && Equals(other);

    public override int GetHashCode() => Id;

    public override string ToString() => Id == 0 ? "1" : $"v{Id}";
}
