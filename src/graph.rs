//! The stage graph: stages as nodes, declared transitions and exit-path
//! re-entries as edges.
//!
//! Built only from references that resolve; unknown targets are left to the
//! `transition-to-unknown-stage` rule. Reachability is computed once here so
//! the graph rules stay small.

use std::collections::HashMap;

use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::{Bfs, Reversed};

use crate::model::{Journey, Stage};

/// Why one stage leads to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// A declared `transitions` entry.
    Transition,
    /// An exit path's `return_to`: a drop-off that may come back later.
    ReEntry,
}

pub struct StageGraph<'a> {
    pub graph: DiGraph<&'a Stage, EdgeKind>,
    pub by_id: HashMap<&'a str, NodeIndex>,
    /// The stage marked `start: true`, when exactly one is.
    pub start: Option<NodeIndex>,
    /// Stages marked `end: true`.
    pub ends: Vec<NodeIndex>,
}

impl<'a> StageGraph<'a> {
    pub fn build(journey: &'a Journey) -> StageGraph<'a> {
        let mut graph = DiGraph::new();
        let mut by_id = HashMap::new();
        for stage in &journey.stages {
            // A duplicate id keeps the first stage; the duplicate-id rule reports it.
            by_id
                .entry(stage.id.as_str())
                .or_insert_with(|| graph.add_node(stage));
        }
        for stage in &journey.stages {
            let Some(&from) = by_id.get(stage.id.as_str()) else {
                continue;
            };
            if graph[from].id.span != stage.id.span {
                continue;
            }
            for t in &stage.transitions {
                if let Some(&to) = by_id.get(t.to.as_str()) {
                    graph.add_edge(from, to, EdgeKind::Transition);
                }
            }
            for p in &stage.exit_paths {
                if let Some(&to) = p.return_to.as_ref().and_then(|r| by_id.get(r.as_str())) {
                    graph.add_edge(from, to, EdgeKind::ReEntry);
                }
            }
        }
        let starts: Vec<NodeIndex> = graph
            .node_indices()
            .filter(|&n| graph[n].is_start())
            .collect();
        let ends = graph
            .node_indices()
            .filter(|&n| graph[n].is_end())
            .collect();
        StageGraph {
            start: if starts.len() == 1 {
                Some(starts[0])
            } else {
                None
            },
            graph,
            by_id,
            ends,
        }
    }

    /// Stages reachable from the start stage, in stage order; `None` when
    /// there is no single start.
    pub fn reachable_from_start(&self) -> Option<Vec<bool>> {
        let start = self.start?;
        let mut seen = vec![false; self.graph.node_count()];
        let mut bfs = Bfs::new(&self.graph, start);
        while let Some(n) = bfs.next(&self.graph) {
            seen[n.index()] = true;
        }
        Some(seen)
    }

    /// Stages from which some end stage can be reached.
    pub fn can_reach_end(&self) -> Vec<bool> {
        let mut seen = vec![false; self.graph.node_count()];
        let reversed = Reversed(&self.graph);
        for &end in &self.ends {
            let mut bfs = Bfs::new(reversed, end);
            while let Some(n) = bfs.next(reversed) {
                seen[n.index()] = true;
            }
        }
        seen
    }

    pub fn successors(&self, n: NodeIndex) -> impl Iterator<Item = NodeIndex> + '_ {
        self.graph.neighbors_directed(n, Direction::Outgoing)
    }
}
