using System.Globalization;
using System.Numerics;

namespace ZkPot.TestSupport;

/// <summary>Ready-made fixtures for the circuits in tests/circuits, with deterministic inputs.</summary>
public static class OracleFixtures
{
    /// <summary>mul.circom with <paramref name="proofs"/> proofs of <see cref="MulInput"/>(0..proofs-1).</summary>
    public static OracleFixture Mul(int proofs = 1) =>
        Snarkjs.Fixture(RepoPaths.Circuit("mul"), Enumerable.Range(0, proofs).Select(MulInput).ToArray());

    /// <summary>chain.circom (16,000 multiplications) with <paramref name="proofs"/> proofs of <see cref="ChainInput"/>(0..proofs-1).</summary>
    public static OracleFixture Chain(int proofs = 1) =>
        Snarkjs.Fixture(RepoPaths.Circuit("chain"), Enumerable.Range(0, proofs).Select(ChainInput).ToArray());

    /// <summary>Input i of mul.circom: public a, b and private x, y, c, all different for different i.</summary>
    public static string MulInput(int index)
    {
        var (a, b, x, y, c) = MulValues(index);
        return string.Create(CultureInfo.InvariantCulture, $$"""{"a":"{{a}}","b":"{{b}}","x":"{{x}}","y":"{{y}}","c":"{{c}}"}""");
    }

    /// <summary>The public signals mul.circom gives for input i, as public.json lists them: out, a, b.</summary>
    public static IReadOnlyList<BigInteger> MulPublicSignals(int index)
    {
        var (a, b, x, y, c) = MulValues(index);
        BigInteger ax = a * x;
        return [ax * (b * y) + ax + c, a, b];
    }

    /// <summary>Input i of chain.circom: private start value x and public step constant k.</summary>
    public static string ChainInput(int index) =>
        string.Create(CultureInfo.InvariantCulture, $$"""{"x":"{{index + 2}}","k":"{{index + 1}}"}""");

    static (long A, long B, long X, long Y, long C) MulValues(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 100_000);
        long i = index;
        return (i + 2, 2 * i + 3, 3 * i + 5, 7, i * i + 11);
    }
}
