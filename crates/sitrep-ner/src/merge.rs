//! Averaging frozen models: several perceptrons trained on different shuffles of the data,
//! averaged weight by weight into one model of the same size and speed (parameter mixing).
//! Averaging removes much of the run-to-run variance of the perceptron and usually scores a
//! little better than any one run.
//!
//! [`sitrep_learn::Model`] exposes no rows, so this reads and writes its documented byte
//! format (`Model::to_bytes`): magic, labels, scale, then rows of (key, entries of class and
//! 16-bit weight).

use sitrep_learn::{Model, ModelError};
use std::collections::HashMap;

const MAGIC: &[u8; 8] = b"SITREPL1";

pub(crate) struct Parsed {
    pub(crate) labels: Vec<String>,
    pub(crate) rows: Vec<(u64, Vec<(u16, f32)>)>,
}

fn take<'a>(b: &mut &'a [u8], n: usize) -> Result<&'a [u8], ModelError> {
    if n > b.len() {
        return Err(ModelError::Corrupt("unexpected end"));
    }
    let (a, rest) = b.split_at(n);
    *b = rest;
    Ok(a)
}

fn u32_of(b: &mut &[u8]) -> Result<u32, ModelError> {
    let x = take(b, 4)?;
    Ok(u32::from_le_bytes([x[0], x[1], x[2], x[3]]))
}

pub(crate) fn parse(bytes: &[u8]) -> Result<Parsed, ModelError> {
    let mut b = bytes;
    if take(&mut b, 8)? != MAGIC {
        return Err(ModelError::Magic);
    }
    let n = u32_of(&mut b)? as usize;
    let mut labels = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        let len = u32_of(&mut b)? as usize;
        let s = take(&mut b, len)?;
        labels.push(String::from_utf8_lossy(s).into_owned());
    }
    let sc = take(&mut b, 4)?;
    let scale = f32::from_le_bytes([sc[0], sc[1], sc[2], sc[3]]);
    let rows_n = u32_of(&mut b)? as usize;
    let mut rows = Vec::with_capacity(rows_n.min(bytes.len() / 12));
    for _ in 0..rows_n {
        let k = take(&mut b, 8)?;
        let key = u64::from_le_bytes([k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]]);
        let len = u32_of(&mut b)? as usize;
        let body = take(
            &mut b,
            len.checked_mul(4).ok_or(ModelError::Corrupt("row"))?,
        )?;
        let entries = body
            .chunks_exact(4)
            .map(|e| {
                let c = u16::from_le_bytes([e[0], e[1]]);
                let q = i16::from_le_bytes([e[2], e[3]]);
                (c, q as f32 * scale)
            })
            .collect();
        rows.push((key, entries));
    }
    Ok(Parsed { labels, rows })
}

fn write(labels: &[String], rows: &[(u64, Vec<(u16, f32)>)]) -> Vec<u8> {
    let max = rows
        .iter()
        .flat_map(|(_, e)| e.iter().map(|x| x.1.abs()))
        .fold(0f32, f32::max);
    let scale = if max > 0.0 {
        max / i16::MAX as f32
    } else {
        1.0
    };
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(labels.len() as u32).to_le_bytes());
    for l in labels {
        out.extend_from_slice(&(l.len() as u32).to_le_bytes());
        out.extend_from_slice(l.as_bytes());
    }
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    for (key, entries) in rows {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for (c, w) in entries {
            out.extend_from_slice(&c.to_le_bytes());
            let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
            out.extend_from_slice(&q.to_le_bytes());
        }
    }
    out
}

/// The weight-by-weight average of models with the same labels; weights whose average
/// magnitude is below `min_weight` are dropped.
pub fn average(models: &[Model], min_weight: f32) -> Result<Model, ModelError> {
    let Some(first) = models.first() else {
        return Err(ModelError::Corrupt("no models to average"));
    };
    if models.len() == 1 {
        return Ok(first.clone());
    }
    let mut sum: HashMap<u64, HashMap<u16, f32>> = HashMap::new();
    let mut labels = Vec::new();
    for m in models {
        let p = parse(&m.to_bytes())?;
        if !labels.is_empty() && labels != p.labels {
            return Err(ModelError::Corrupt("models with different labels"));
        }
        labels = p.labels;
        for (key, entries) in p.rows {
            let row = sum.entry(key).or_default();
            for (c, w) in entries {
                *row.entry(c).or_default() += w;
            }
        }
    }
    let n = models.len() as f32;
    let mut rows: Vec<(u64, Vec<(u16, f32)>)> = sum
        .into_iter()
        .map(|(k, row)| {
            let mut e: Vec<(u16, f32)> = row
                .into_iter()
                .map(|(c, w)| (c, w / n))
                .filter(|(_, w)| w.abs() >= min_weight && *w != 0.0)
                .collect();
            e.sort_by_key(|x| x.0);
            (k, e)
        })
        .filter(|(_, e)| !e.is_empty())
        .collect();
    rows.sort_by_key(|r| r.0);
    Model::from_bytes(&write(&labels, &rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sitrep_learn::{Features, Perceptron};

    #[test]
    fn averages_weights() {
        let mut f = Features::new();
        f.s(0, "x");
        let key = f.keys().to_vec();
        let mk = |good: usize| {
            let mut p = Perceptron::new(2);
            p.tick();
            p.update(&key, good, 1 - good, 1.0);
            p.tick();
            p.freeze(vec!["a".into(), "b".into()], 0, 0.0)
        };
        let models = [mk(0), mk(0), mk(1)];
        let mut want = vec![0.0; 2];
        for m in &models {
            m.scores(&key, &mut want);
        }
        let avg = average(&models, 0.0).unwrap();
        let mut out = vec![0.0; 2];
        avg.scores(&key, &mut out);
        assert!(want[0] > 0.0);
        for (o, w) in out.iter().zip(&want) {
            assert!((o - w / 3.0).abs() < 1e-3, "{out:?} {want:?}");
        }
    }
}
