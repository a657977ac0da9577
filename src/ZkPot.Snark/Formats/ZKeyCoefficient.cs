namespace ZkPot.Snark.Formats;

/// <summary>
/// One entry of a Groth16 .zkey's coefficient section: <paramref name="Value"/> is the TRUE coefficient of signal
/// <paramref name="Signal"/> in row <paramref name="Constraint"/> of matrix A or B, exactly as in the .r1cs (rows past
/// the circuit's constraints are the ones setup adds, A[nConstraints + s][s] = 1 for each public signal s, wire 0
/// included). The file's R^2 scaling is undone on reading and redone on writing, so a prover computes
/// (A.w)_row += Value * w[Signal] with ordinary field arithmetic.
/// </summary>
public readonly record struct ZKeyCoefficient(ZKeyMatrix Matrix, uint Constraint, uint Signal, Fr Value);
