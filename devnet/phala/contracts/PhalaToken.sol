// SPDX-License-Identifier: MIT
// PHA on the devnet's L1: a fixed-supply ERC-20 minted once to the holder (the devnet deployer).
pragma solidity ^0.8.24;

import "./Base.sol";

contract PhalaToken is ERC20Base {
    constructor(address holder, uint256 supply) ERC20Base("Phala Token", "PHA") {
        _mint(holder, supply);
    }
}
