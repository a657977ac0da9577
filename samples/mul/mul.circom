pragma circom 2.0.0;

// Smallest useful oracle circuit: one public output, two public inputs, two private inputs.
// Public outputs come before public inputs in public.json, which is exactly what a verifier must get right.
// out = (a * x) * (b * y) + a * x + c, where a and b are public and x, y and c are private.
template MulAdd() {
    signal input a;
    signal input b;
    signal input x;
    signal input y;
    signal input c;
    signal output out;

    signal ax;
    signal by;
    signal prod;

    ax <== a * x;
    by <== b * y;
    prod <== ax * by;
    out <== prod + ax + c;
}

component main {public [a, b]} = MulAdd();
