using ZkPot.Snark.Circuits;

namespace ZkPot.Snark.Tests.Circuits;

/// <summary>
/// tests/circuits/chain.circom written with the builder: s[0] = x, s[i+1] = s[i]^2 + k, out = s[N]; k public, x private.
/// Each step is one hint and one constraint s[i] * s[i] = s[i+1] - k, the constraint circom keeps after substituting
/// s[0] by x and s[N] by out.
/// </summary>
internal sealed class ChainCircuit(int steps, Fr x, Fr k) : ICircuit
{
    public void Define(CircuitBuilder builder)
    {
        var constant = builder.PublicInput(k);
        LinearCombination state = builder.PrivateInput(x);
        for (var i = 0; i < steps; i++)
        {
            var value = builder.Value(state).Square() + k;
            var next = i == steps - 1 ? builder.PublicOutput(value) : builder.Hint(value);
            builder.AssertProduct(state, state, next - constant);
            state = next;
        }
    }
}
