//! Merging the smallest chunks (the citizen portal's pass; not in wasm-split 0.2.4).
//!
//! wasm-split paints every symbol with the set of split points that need it and writes one
//! chunk per set. With eleven split points that made 120 chunks, most of a few hundred bytes:
//! a page needed 40 to 90 files. On a phone each file costs a request (a round trip, on a slow
//! network) and a module to compile and instantiate, far more than a few hundred bytes. This
//! pass merges chunks for as long as a merge saves more in files than it costs in bytes that
//! pages which did not need them download.
//!
//! A merge must keep the loader right. A chunk is loaded by every split point in its set, so
//! where a symbol of chunk C uses one of chunk D, every split point that loads C must load D:
//! set(D) ⊇ set(C). wasm-split's painting gives that; a merge widens a set, and the pass then
//! widens every chunk that the widened one uses, and so on ([`Chunks::close`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::dep_graph::{DepGraph, DepNode};
use crate::read::InputModule;
use crate::split_point::{OutputModuleInfo, SplitModuleIdentifier};

/// What a symbol that is not a function costs where it is placed, in bytes.
const SYMBOL_BYTES: u64 = 8;

/// What the merging weighs ([`crate::Options::file_cost_bytes`], [`crate::Options::split_weights`]).
pub struct Costs<'a> {
    /// What one more file costs a split point, in bytes.
    pub file: u64,
    /// How much more a split point's downloads count (1 where not listed).
    pub weights: &'a [(&'a str, u64)],
}

/// Split points as bits of a set; at most 64 (the pass leaves a larger program alone).
type Set = u64;

/// The chunks as the pass sees them: each one's size, and which chunks its symbols use. Their
/// sets of split points, which the merging changes, go alongside, in the same order.
struct Chunks {
    sizes: Vec<u64>,
    /// What one more file costs a split point, in bytes.
    file_cost: u64,
    /// Each split point's weight, by its bit.
    weights: Vec<u64>,
    /// For each chunk, the chunks its symbols use (itself excluded).
    uses: Vec<Vec<usize>>,
}

impl Chunks {
    /// Widens every chunk used by a chunk to cover its user's split points, until none is
    /// left to widen: the loader's rule above.
    fn close(&self, sets: &mut [Set]) {
        let mut pending: Vec<usize> = (0..sets.len()).collect();
        while let Some(user) = pending.pop() {
            for &used in &self.uses[user] {
                if sets[user] & !sets[used] != 0 {
                    sets[used] |= sets[user];
                    pending.push(used);
                }
            }
        }
    }

    /// Bytes and files every split point downloads, weighed and summed over split points:
    /// each file (chunks that share a set are one file) counted for each split point that
    /// loads it.
    fn cost(&self, sets: &[Set]) -> u64 {
        let mut files: HashMap<Set, u64> = HashMap::new();
        for (set, size) in sets.iter().zip(&self.sizes) {
            *files.entry(*set).or_default() += size;
        }
        files
            .iter()
            .map(|(&set, size)| self.weight(set) * (size + self.file_cost))
            .sum()
    }

    /// The summed weight of the split points in `set`.
    fn weight(&self, set: Set) -> u64 {
        (0..self.weights.len())
            .filter(|bit| set & (1 << bit) != 0)
            .map(|bit| self.weights[bit])
            .sum()
    }

    /// Merges, best first, while a merge lowers the cost. Two files are candidates when one's
    /// set holds the other's, or they differ by at most two split points (the merges that
    /// can pay; trying every pair costs seconds and found nothing better).
    fn merge(&self, mut sets: Vec<Set>) -> Vec<Set> {
        let mut cost = self.cost(&sets);
        loop {
            let files: BTreeSet<Set> = sets.iter().copied().collect();
            let files: Vec<Set> = files.into_iter().collect();
            let mut best: Option<(u64, Vec<Set>)> = None;
            for (i, &a) in files.iter().enumerate() {
                for &b in &files[i + 1..] {
                    let nested = a & b == a || a & b == b;
                    if !nested && (a ^ b).count_ones() > 2 {
                        continue;
                    }
                    let mut merged: Vec<Set> = sets
                        .iter()
                        .map(|&set| if set == a || set == b { a | b } else { set })
                        .collect();
                    self.close(&mut merged);
                    let merged_cost = self.cost(&merged);
                    if best.as_ref().is_none_or(|(best, _)| merged_cost < *best) {
                        best = Some((merged_cost, merged));
                    }
                }
            }
            match best {
                Some((merged_cost, merged)) if merged_cost < cost => {
                    cost = merged_cost;
                    sets = merged;
                }
                _ => return sets,
            }
        }
    }
}

/// Merges the chunks of `contents` (see the module's documentation); the main module and the
/// split points' own modules stay as they are.
pub fn merge_chunks(
    module: &InputModule,
    dep_graph: &DepGraph,
    contents: HashMap<SplitModuleIdentifier, OutputModuleInfo>,
    costs: &Costs,
) -> HashMap<SplitModuleIdentifier, OutputModuleInfo> {
    let names: BTreeSet<String> = contents
        .keys()
        .flat_map(|identifier| match identifier {
            SplitModuleIdentifier::Main => vec![],
            SplitModuleIdentifier::Split(name) => vec![name.clone()],
            SplitModuleIdentifier::Chunk(names) => names.iter().cloned().collect(),
        })
        .collect();
    if names.len() > Set::BITS as usize {
        return contents;
    }
    let bit: HashMap<&String, Set> = names
        .iter()
        .enumerate()
        .map(|(index, name)| (name, 1 << index))
        .collect();

    let (chunks, others): (Vec<_>, Vec<_>) = contents
        .into_iter()
        .partition(|(identifier, _)| matches!(identifier, SplitModuleIdentifier::Chunk(_)));
    let home: HashMap<&DepNode, usize> = chunks
        .iter()
        .enumerate()
        .flat_map(|(index, (_, info))| info.included_symbols.iter().map(move |node| (node, index)))
        .collect();
    let sets: Vec<Set> = chunks
        .iter()
        .map(|(identifier, _)| match identifier {
            SplitModuleIdentifier::Chunk(names) => names.iter().map(|name| bit[name]).sum(),
            _ => unreachable!("partitioned above"),
        })
        .collect();
    let graph = Chunks {
        file_cost: costs.file,
        weights: names
            .iter()
            .map(|name| {
                let listed = costs.weights.iter().find(|(listed, _)| listed == name);
                listed.map_or(1, |(_, weight)| *weight)
            })
            .collect(),
        sizes: chunks
            .iter()
            .map(|(_, info)| {
                info.included_symbols
                    .iter()
                    .map(|node| size(module, node))
                    .sum()
            })
            .collect(),
        uses: chunks
            .iter()
            .enumerate()
            .map(|(index, (_, info))| {
                let used: HashSet<usize> = info
                    .included_symbols
                    .iter()
                    .filter_map(|node| dep_graph.get(node))
                    .flatten()
                    .filter_map(|node| home.get(node).copied())
                    .filter(|&used| used != index)
                    .collect();
                used.into_iter().collect()
            })
            .collect(),
    };
    let merged = graph.merge(sets);

    let mut out: HashMap<SplitModuleIdentifier, OutputModuleInfo> = others.into_iter().collect();
    for ((_, info), set) in chunks.into_iter().zip(merged) {
        let names = names
            .iter()
            .filter(|name| bit[name] & set != 0)
            .cloned()
            .collect();
        out.entry(SplitModuleIdentifier::Chunk(names))
            .or_default()
            .included_symbols
            .extend(info.included_symbols);
    }
    out
}

/// The bytes `node` takes in the module that holds it: a function's body.
fn size(module: &InputModule, node: &DepNode) -> u64 {
    match node {
        DepNode::Function(id) => id
            .checked_sub(module.imported_funcs.len())
            .and_then(|defined| module.defined_funcs.get(defined))
            .map_or(SYMBOL_BYTES, |func| {
                let range = func.body.range();
                range.end - range.start
            }),
        _ => SYMBOL_BYTES,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Set = 1;
    const B: Set = 2;
    const C: Set = 4;

    #[test]
    fn a_merge_widens_the_chunks_the_merged_code_uses() {
        // A merge has widened chunk 1 to {A,B,C}; it uses chunk 2, which C must now load too.
        // Chunk 0 uses chunk 2 as well, and needs nothing more.
        let chunks = Chunks {
            file_cost: 1000,
            weights: vec![1, 1, 1],
            sizes: vec![10, 10, 10],
            uses: vec![vec![2], vec![2], vec![]],
        };
        let mut sets = vec![A | B, A | B | C, A | B];
        chunks.close(&mut sets);
        assert_eq!(sets, vec![A | B, A | B | C, A | B | C]);
    }

    #[test]
    fn tiny_chunks_merge_and_large_ones_stay_apart() {
        // Two tiny chunks needed by {A,B} and {A,B,C}: one file is cheaper than two. Two large
        // ones needed by {A,B} and {B,C}: merging would make A and C download 100 KB each.
        let tiny = Chunks {
            file_cost: 1000,
            weights: vec![1, 1, 1],
            sizes: vec![200, 300],
            uses: vec![vec![], vec![]],
        };
        let merged = tiny.merge(vec![A | B, A | B | C]);
        assert_eq!(merged, vec![A | B | C, A | B | C]);
        let large = Chunks {
            file_cost: 1000,
            weights: vec![1, 1, 1],
            sizes: vec![100_000, 100_000],
            uses: vec![vec![], vec![]],
        };
        assert_eq!(large.merge(vec![A | B, B | C]), vec![A | B, B | C]);
    }
}
