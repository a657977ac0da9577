namespace ZkPot.Snark.Formats;

/// <summary>Which QAP matrix a .zkey coefficient belongs to; snarkjs stores only A and B, the prover derives C as A*B.</summary>
public enum ZKeyMatrix : uint
{
    A = 0,
    B = 1,
}
