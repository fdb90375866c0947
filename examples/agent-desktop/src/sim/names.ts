/** Made-up agent names for the simulated legs. */
const FIRST = ['Alex', 'Sam', 'Priya', 'Jordan', 'Mei', 'Tomás', 'Aisha', 'Lena', 'Kofi', 'Noor', 'Ravi', 'Elena', 'Jin', 'Marta', 'Omar', 'Zoe']
const LAST = ['Kim', 'Patel', 'Okafor', 'Rossi', 'Nguyen', 'Silva', 'Haddad', 'Berg', 'Mensah', 'Ito', 'Costa', 'Novak', 'Reyes', 'Walsh']

/** The name of agent number `n`, the same every time. */
export function agentName(n: number): string {
  return `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`
}
