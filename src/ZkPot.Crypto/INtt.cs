namespace ZkPot.Crypto;

/// <summary>
/// Number-theoretic transform over Fr on power-of-two domains of size n = 2^k (k &lt;= 28), in place, natural order
/// in and out. Forward maps coefficients c to evaluations c(w^i), w the primitive n-th root of unity
/// <see cref="NttRoots.Root"/>; Inverse maps evaluations back to coefficients.
/// </summary>
public interface INtt
{
    /// <summary>Coefficients to evaluations at w^i, i = 0..n-1.</summary>
    void Forward(Span<Fr> values);

    /// <summary>Evaluations at w^i to coefficients (includes the 1/n factor).</summary>
    void Inverse(Span<Fr> values);

    /// <summary>Coefficients to evaluations at shift * w^i.</summary>
    void ForwardOnCoset(Span<Fr> values, in Fr shift);

    /// <summary>Evaluations at shift * w^i to coefficients; shift must be nonzero.</summary>
    void InverseOnCoset(Span<Fr> values, in Fr shift);

    /// <summary>
    /// Evaluations of a polynomial of degree &lt; n at w_n^i to its evaluations at w_2n * w_n^i (the odd half of the
    /// 2n-th roots), as the snarkjs/rapidsnark Groth16 prover needs for A, B and C. Equals
    /// <c>Inverse(values); ForwardOnCoset(values, NttRoots.Root(k + 1))</c> with one scaling pass saved; n &lt;= 2^27.
    /// </summary>
    void ToOddCoset(Span<Fr> evaluations);
}
