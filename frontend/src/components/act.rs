//! Page actions that hand their answer to a callback.
//!
//! `Act::new(run).on_answer(handle)` is an [`Action`] like any other (its `pending()` disables buttons,
//! its `value()` shows a refusal beside them), and when a request comes back it calls `handle` with
//! the answer — once per request, in the order answers arrive. A page does not watch the action's
//! value with an `Effect` to learn that something happened.
//!
//! The callback belongs to the component that made the action: when that component is gone (the
//! user navigated away while the request was in flight), the answer is dropped instead of
//! navigating, refetching or setting signals of a page nobody sees.

use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;

use leptos::prelude::*;

/// What an action runs, waiting for what to do with its answer.
pub struct Act<I, Fu, F> {
    run: F,
    asks: PhantomData<fn(&I) -> Fu>,
}

impl<I, Fu, F> Act<I, Fu, F>
where
    F: Fn(&I) -> Fu + 'static,
{
    /// An action that runs `run(input)` for each dispatch; finish it with [`Act::on_answer`].
    pub fn new(run: F) -> Self {
        Act { run, asks: PhantomData }
    }
}

impl<I, O, Fu, F> Act<I, Fu, F>
where
    I: 'static,
    O: Clone + 'static,
    Fu: Future<Output = O> + 'static,
    F: Fn(&I) -> Fu + 'static,
{
    /// The action, calling `handle` with each answer while its component is on the page.
    pub fn on_answer(self, handle: impl Fn(O) + 'static) -> Action<I, O> {
        // Owned by the current component: disposed with it, after which `try_get_value` is `None`.
        let handle = StoredValue::new_local(Rc::new(handle) as Rc<dyn Fn(O)>);
        let run = self.run;
        Action::new_local(move |input: &I| {
            let asked = run(input);
            async move {
                let answer = asked.await;
                // Taken out of the arena before the call: the handler may create or dispose nodes.
                if let Some(handle) = handle.try_get_value() {
                    handle(answer.clone());
                }
                answer
            }
        })
    }
}
