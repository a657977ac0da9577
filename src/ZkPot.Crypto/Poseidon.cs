using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>The Poseidon hash over the BN254 scalar field, bit-compatible with circomlib's Poseidon(n) template and circomlibjs.</summary>
public static class Poseidon
{
    /// <summary>Most inputs one hash takes (state width 17).</summary>
    public const int MaxInputs = PoseidonParameters.MaxWidth - 1;

    /// <summary>Hashes 1..16 field elements: state = [0, inputs...], permute, return state[0].</summary>
    public static Fr Hash(params ReadOnlySpan<Fr> inputs)
    {
        if (inputs.Length is < 1 or > MaxInputs)
            throw new ArgumentException($"Poseidon takes 1..{MaxInputs} inputs, got {inputs.Length}", nameof(inputs));
        Span<Fr> state = stackalloc Fr[inputs.Length + 1];
        state[0] = Fr.Zero;
        inputs.CopyTo(state[1..]);
        Permute(state);
        return state[0];
    }

    /// <summary>Applies the Poseidon permutation for width t = state.Length (2..17) in place.</summary>
    public static void Permute(Span<Fr> state)
    {
        if (state.Length is < PoseidonParameters.MinWidth or > PoseidonParameters.MaxWidth)
            throw new ArgumentException(
                $"Poseidon state must have {PoseidonParameters.MinWidth}..{PoseidonParameters.MaxWidth} elements, got {state.Length}", nameof(state));

        var s = PoseidonSchedule.For(state.Length);
        int t = s.Width;
        Span<Fr> scratch = stackalloc Fr[t];
        ReadOnlySpan<Fr> constants = s.FullConstants;

        for (int r = 0; r < s.HalfFullRounds; r++)
        {
            FullSbox(state, constants.Slice(r * t, t));
            Multiply(r == s.HalfFullRounds - 1 ? s.EntryMds : s.Mds, state, scratch);
        }

        int sparseStride = 2 * t - 1;
        for (int r = 0; r < s.PartialRounds; r++)
        {
            state[0] = Pow5(state[0] + s.PartialConstants[r]);
            MultiplySparse(s.Sparse.AsSpan(r * sparseStride, sparseStride), state);
        }

        for (int r = s.HalfFullRounds; r < 2 * s.HalfFullRounds; r++)
        {
            FullSbox(state, constants.Slice(r * t, t));
            Multiply(s.Mds, state, scratch);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Fr Pow5(in Fr x)
    {
        var x4 = x.Square().Square();
        return x4 * x;
    }

    static void FullSbox(Span<Fr> state, ReadOnlySpan<Fr> constants)
    {
        for (int i = 0; i < state.Length; i++) state[i] = Pow5(state[i] + constants[i]);
    }

    static void Multiply(ReadOnlySpan<Fr> matrix, Span<Fr> state, Span<Fr> scratch)
    {
        int t = state.Length;
        for (int i = 0; i < t; i++)
        {
            var row = matrix.Slice(i * t, t);
            var sum = row[0] * state[0];
            for (int j = 1; j < t; j++) sum += row[j] * state[j];
            scratch[i] = sum;
        }
        scratch.CopyTo(state);
    }

    // sparse = [M00, row 0 without M00, column 0 without M00]; the remaining block is the identity.
    static void MultiplySparse(ReadOnlySpan<Fr> sparse, Span<Fr> state)
    {
        int t = state.Length;
        var x0 = state[0];
        var sum = sparse[0] * x0;
        for (int j = 1; j < t; j++) sum += sparse[j] * state[j];
        for (int i = 1; i < t; i++) state[i] += sparse[t - 1 + i] * x0;
        state[0] = sum;
    }
}
