// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/// @title DevPriceFeed (devnet)
/// @notice A USD price feed with Chainlink's AggregatorV3Interface (decimals, description, version,
///         latestRoundData, getRoundData), so the wallet's fiat values are read from chain on the
///         devnet exactly as from Chainlink's aggregators on Ethereum. The devnet places its code at a
///         fixed address and writes the first round into storage; `update` posts a new round (a test
///         double: anyone may post, there is no aggregation).
contract DevPriceFeed {
    int256 public latestAnswer; // slot 0
    uint256 public latestTimestamp; // slot 1
    uint80 public latestRound; // slot 2

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    function decimals() external pure returns (uint8) {
        return 8;
    }

    function description() external pure returns (string memory) {
        return "ETH / USD";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (latestRound, latestAnswer, latestTimestamp, latestTimestamp, latestRound);
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        require(roundId == latestRound && roundId != 0, "No data present");
        return (latestRound, latestAnswer, latestTimestamp, latestTimestamp, latestRound);
    }

    function update(int256 answer) external {
        require(answer > 0, "answer must be positive");
        latestRound += 1;
        latestAnswer = answer;
        latestTimestamp = block.timestamp;
        emit AnswerUpdated(answer, latestRound, block.timestamp);
    }
}
