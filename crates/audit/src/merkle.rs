//! The Merkle tree of RFC 6962 §2.1 (as restated in RFC 9162 §2.1) over the audit log's leaf
//! hashes: the tree head, inclusion proofs and consistency proofs, and their verification.
//!
//! Leaves are the leaf hashes `SHA-256(0x00 || entry)`; an interior node is
//! `SHA-256(0x01 || left || right)`; the tree of `n > 1` leaves splits at `k`, the largest power
//! of two smaller than `n`.

use sha2::{Digest, Sha256};

/// A 32-byte hash.
pub type Hash = [u8; 32];

/// The hash of the empty tree: `SHA-256()` of nothing.
pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

/// `SHA-256(0x01 || left || right)`.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut hasher = Sha256::new();
    hasher.update([1u8]);
    hasher.update(left);
    hasher.update(right);
    hasher.finalize().into()
}

/// The largest power of two smaller than `n` (`n > 1`).
fn split(n: usize) -> usize {
    let mut k = 1;
    while k << 1 < n {
        k <<= 1;
    }
    k
}

/// MTH(D[n]): the root of the tree over `leaves`.
pub fn root(leaves: &[Hash]) -> Hash {
    match leaves {
        [] => empty_root(),
        [leaf] => *leaf,
        _ => {
            let (left, right) = leaves.split_at(split(leaves.len()));
            node_hash(&root(left), &root(right))
        }
    }
}

/// PATH(m, D[n]): the audit path of leaf `index` (None if out of range).
pub fn inclusion_proof(leaves: &[Hash], index: usize) -> Option<Vec<Hash>> {
    if index >= leaves.len() {
        return None;
    }
    let mut proof = Vec::new();
    path(leaves, index, &mut proof);
    Some(proof)
}

fn path(leaves: &[Hash], m: usize, proof: &mut Vec<Hash>) {
    if leaves.len() <= 1 {
        return;
    }
    let k = split(leaves.len());
    let (left, right) = leaves.split_at(k);
    if m < k {
        path(left, m, proof);
        proof.push(root(right));
    } else {
        path(right, m - k, proof);
        proof.push(root(left));
    }
}

/// PROOF(m, D[n]): the consistency proof between the tree of the first `m` leaves and the tree of
/// all of them (None unless `0 < m <= n`).
pub fn consistency_proof(leaves: &[Hash], m: usize) -> Option<Vec<Hash>> {
    if m == 0 || m > leaves.len() {
        return None;
    }
    let mut proof = Vec::new();
    subproof(m, leaves, true, &mut proof);
    Some(proof)
}

fn subproof(m: usize, leaves: &[Hash], complete: bool, proof: &mut Vec<Hash>) {
    let n = leaves.len();
    if m == n {
        if !complete {
            proof.push(root(leaves));
        }
        return;
    }
    let k = split(n);
    let (left, right) = leaves.split_at(k);
    if m <= k {
        subproof(m, left, complete, proof);
        proof.push(root(right));
    } else {
        subproof(m - k, right, false, proof);
        proof.push(root(left));
    }
}

/// RFC 9162 §2.1.3.2: whether `proof` shows `leaf` at `index` in the tree of `size` with `root`.
pub fn verify_inclusion(index: u64, size: u64, leaf: &Hash, proof: &[Hash], root: &Hash) -> bool {
    if index >= size {
        return false;
    }
    let (mut fnode, mut snode) = (index, size - 1);
    let mut r = *leaf;
    for p in proof {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            r = node_hash(p, &r);
            if fnode & 1 == 0 {
                while fnode & 1 == 0 && fnode != 0 {
                    fnode >>= 1;
                    snode >>= 1;
                }
            }
        } else {
            r = node_hash(&r, p);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    snode == 0 && &r == root
}

/// RFC 9162 §2.1.4.2: whether `proof` shows that the tree of `first` leaves with `first_root`
/// is a prefix of the tree of `second` leaves with `second_root`.
pub fn verify_consistency(
    first: u64,
    second: u64,
    first_root: &Hash,
    second_root: &Hash,
    proof: &[Hash],
) -> bool {
    if first == 0 || first > second {
        return false;
    }
    if first == second {
        return proof.is_empty() && first_root == second_root;
    }
    let mut path: Vec<Hash> = proof.to_vec();
    if first.is_power_of_two() {
        path.insert(0, *first_root);
    }
    let Some((head, rest)) = path.split_first() else {
        return false;
    };
    let (mut fnode, mut snode) = (first - 1, second - 1);
    while fnode & 1 == 1 {
        fnode >>= 1;
        snode >>= 1;
    }
    let (mut fr, mut sr) = (*head, *head);
    for c in rest {
        if snode == 0 {
            return false;
        }
        if fnode & 1 == 1 || fnode == snode {
            fr = node_hash(c, &fr);
            sr = node_hash(c, &sr);
            if fnode & 1 == 0 {
                while fnode & 1 == 0 && fnode != 0 {
                    fnode >>= 1;
                    snode >>= 1;
                }
            }
        } else {
            sr = node_hash(&sr, c);
        }
        fnode >>= 1;
        snode >>= 1;
    }
    snode == 0 && &fr == first_root && &sr == second_root
}

/// The right edge of a tree: the roots of its perfect subtrees from largest to smallest. It is
/// enough to append leaves and compute the root without the earlier leaves (a checkpointer
/// keeps one; pruning keeps the one of the pruned prefix).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frontier {
    size: u64,
    /// `(height, hash)` of each perfect subtree, largest first.
    nodes: Vec<(u32, Hash)>,
}

impl Frontier {
    /// An empty tree.
    pub fn new() -> Frontier {
        Frontier::default()
    }

    /// Rebuilds a frontier from stored parts (checked: the heights must match `size`).
    pub fn from_parts(size: u64, nodes: Vec<(u32, Hash)>) -> Option<Frontier> {
        let expected: Vec<u32> = (0..64).rev().filter(|h| size >> h & 1 == 1).collect();
        let heights: Vec<u32> = nodes.iter().map(|(h, _)| *h).collect();
        (heights == expected).then_some(Frontier { size, nodes })
    }

    /// Leaves so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// The perfect subtrees, largest first.
    pub fn nodes(&self) -> &[(u32, Hash)] {
        &self.nodes
    }

    /// Appends a leaf hash.
    pub fn push(&mut self, leaf: Hash) {
        let mut node = (0u32, leaf);
        while let Some((height, hash)) = self.nodes.last().copied() {
            if height != node.0 {
                break;
            }
            self.nodes.pop();
            node = (height + 1, node_hash(&hash, &node.1));
        }
        self.nodes.push(node);
        self.size += 1;
    }

    /// The root of the tree so far.
    pub fn root(&self) -> Hash {
        let mut nodes = self.nodes.iter().rev();
        let Some((_, first)) = nodes.next() else {
            return empty_root();
        };
        nodes.fold(*first, |acc, (_, hash)| node_hash(hash, &acc))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leaf_hash;

    /// The leaves of the Certificate Transparency reference tests.
    fn ct_leaves() -> Vec<Hash> {
        let inputs: [&[u8]; 8] = [
            b"",
            b"\x00",
            b"\x10",
            b"\x20\x21",
            b"\x30\x31",
            b"\x40\x41\x42\x43",
            b"\x50\x51\x52\x53\x54\x55\x56\x57",
            b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
        ];
        inputs.iter().map(|d| leaf_hash(d)).collect()
    }

    #[test]
    fn roots_match_the_certificate_transparency_vectors() {
        let expected = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ];
        let leaves = ct_leaves();
        for (n, hex_root) in expected.iter().enumerate() {
            assert_eq!(
                hex::encode(root(&leaves[..=n])),
                *hex_root,
                "size {}",
                n + 1
            );
        }
        assert_eq!(
            hex::encode(empty_root()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn the_frontier_gives_the_same_roots_as_the_full_tree() {
        let leaves: Vec<Hash> = (0u32..300).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let mut frontier = Frontier::new();
        assert_eq!(frontier.root(), empty_root());
        for (i, leaf) in leaves.iter().enumerate() {
            frontier.push(*leaf);
            assert_eq!(frontier.root(), root(&leaves[..=i]), "size {}", i + 1);
            let again = Frontier::from_parts(frontier.size(), frontier.nodes().to_vec()).unwrap();
            assert_eq!(again, frontier);
        }
        assert!(Frontier::from_parts(5, frontier.nodes().to_vec()).is_none());
    }

    #[test]
    fn every_inclusion_proof_verifies_and_no_wrong_one_does() {
        let leaves: Vec<Hash> = (0u32..40).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for n in 1..=leaves.len() {
            let tree = &leaves[..n];
            let head = root(tree);
            for m in 0..n {
                let proof = inclusion_proof(tree, m).unwrap();
                assert!(
                    verify_inclusion(m as u64, n as u64, &tree[m], &proof, &head),
                    "leaf {m} of {n}"
                );
                let other = leaf_hash(b"not in the tree");
                assert!(!verify_inclusion(m as u64, n as u64, &other, &proof, &head));
                if n > 1 {
                    assert!(
                        !verify_inclusion(((m + 1) % n) as u64, n as u64, &tree[m], &proof, &head)
                            || tree[(m + 1) % n] == tree[m]
                    );
                }
            }
            assert!(inclusion_proof(tree, n).is_none());
        }
    }

    #[test]
    fn every_consistency_proof_verifies_and_a_rewritten_history_does_not() {
        let leaves: Vec<Hash> = (0u32..33).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        for n in 1..=leaves.len() {
            let second = root(&leaves[..n]);
            for m in 1..=n {
                let first = root(&leaves[..m]);
                let proof = consistency_proof(&leaves[..n], m).unwrap();
                assert!(
                    verify_consistency(m as u64, n as u64, &first, &second, &proof),
                    "{m} -> {n}"
                );
                if m < n {
                    let mut forged = leaves[..n].to_vec();
                    forged[m - 1] = leaf_hash(b"changed");
                    let forged_root = root(&forged);
                    assert!(
                        !verify_consistency(m as u64, n as u64, &first, &forged_root, &proof),
                        "{m} -> {n} forged"
                    );
                }
            }
        }
        assert!(consistency_proof(&leaves, 0).is_none());
    }

    /// RFC 6962 §2.1.3 works through the tree of seven leaves d0…d6 with nodes named
    /// a…f (leaves d0…d5), j (leaf d6), g = (a,b), h = (c,d), i = (e,f), k = (g,h), l = (i,j),
    /// and lists the proofs below in those names.
    #[test]
    fn the_rfc_6962_example_proofs_are_reproduced() {
        let leaves: Vec<Hash> = (0u32..7).map(|i| leaf_hash(&i.to_be_bytes())).collect();
        let (a, b, c, d, e, f, j) = (
            leaves[0], leaves[1], leaves[2], leaves[3], leaves[4], leaves[5], leaves[6],
        );
        let (g, h, i) = (node_hash(&a, &b), node_hash(&c, &d), node_hash(&e, &f));
        let (k, l) = (node_hash(&g, &h), node_hash(&i, &j));
        assert_eq!(root(&leaves), node_hash(&k, &l));
        // "The audit path for d0 is [b, h, l] … for d3 is [c, g, l] … for d4 is [f, j, k] …
        // for d6 is [i, k]."
        assert_eq!(inclusion_proof(&leaves, 0).unwrap(), vec![b, h, l]);
        assert_eq!(inclusion_proof(&leaves, 3).unwrap(), vec![c, g, l]);
        assert_eq!(inclusion_proof(&leaves, 4).unwrap(), vec![f, j, k]);
        assert_eq!(inclusion_proof(&leaves, 6).unwrap(), vec![i, k]);
        // "The consistency proof between hash0 and hash is PROOF(3, D[7]) = [c, d, g, l] …
        // between hash1 and hash is PROOF(4, D[7]) = [l] … between hash2 and hash is
        // PROOF(6, D[7]) = [i, j, k]."
        assert_eq!(consistency_proof(&leaves, 3).unwrap(), vec![c, d, g, l]);
        assert_eq!(consistency_proof(&leaves, 4).unwrap(), vec![l]);
        assert_eq!(consistency_proof(&leaves, 6).unwrap(), vec![i, j, k]);
    }
}
