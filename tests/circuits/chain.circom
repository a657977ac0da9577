pragma circom 2.0.0;

// A chain of N dependent multiplications, one R1CS constraint each: s[i+1] = s[i]^2 + k.
// Its only job is to give the prover a realistic amount of work with a size set by N.
template Chain(N) {
    signal input x;
    signal input k;
    signal output out;

    signal s[N + 1];
    s[0] <== x;
    for (var i = 0; i < N; i++) {
        s[i + 1] <== s[i] * s[i] + k;
    }
    out <== s[N];
}

// 16000 constraints + 1 output + 1 public input + 1 = 16003 rows, inside the 2^14 domain of the shared ptau.
component main {public [k]} = Chain(16000);
