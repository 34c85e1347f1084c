// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title SP1MockVerifier (devnet)
/// @notice Stands in for the SP1 verifier behind the OP Succinct oracle. The devnet cannot produce
///         ZK proofs, so, like SP1's own mock verifier, it accepts exactly the empty proof and
///         rejects anything else. The output roots the devnet proposer posts are still computed from
///         the L2's real state, which is what the portal's withdrawal proofs are checked against.
contract SP1MockVerifier {
    function verifyProof(bytes32, bytes calldata, bytes calldata proofBytes) external pure {
        require(proofBytes.length == 0, "SP1MockVerifier: only the empty proof is accepted");
    }

    function VERSION() external pure returns (string memory) {
        return "devnet-mock";
    }
}
